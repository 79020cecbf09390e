package dev.askgate.core.usage;

import java.util.Objects;

/**
 * The votes on the answers of one model in a report: each person's latest vote per answer counts once.
 *
 * @param model the model of the answer's ledger row; empty when the answer has no ledger row (pruned, or its
 *              row was never written)
 */
public record FeedbackLine(String model, long up, long down) {
    public FeedbackLine {
        Objects.requireNonNull(model, "model");
        if (up < 0 || down < 0) throw new IllegalArgumentException("a vote count is negative");
    }
}
