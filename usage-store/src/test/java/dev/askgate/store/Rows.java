package dev.askgate.store;

import dev.askgate.core.Usage;
import dev.askgate.core.usage.BudgetCharge;
import dev.askgate.core.usage.BudgetLimit;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.Platform;
import dev.askgate.core.usage.AnswerFeedback;
import dev.askgate.core.usage.LedgerRow;
import dev.askgate.core.usage.RedactedKey;
import dev.askgate.core.usage.ReservationRequest;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Ledger rows and reservations for the store tests. */
final class Rows {
    static final String FAKE_KEY = "sk-proj-FAKEabcdefghijklmnopqrstuvwxyzT3BlbkFJ0123";

    private Rows() {
    }

    static LedgerRow row(Instant at, String user, String model, Usage usage, String usd) {
        return new LedgerRow(at, "slack", "T1", "C1", user, model, usage, new BigDecimal(usd), "answered",
                Duration.ofMillis(1234), "req_FAKE1", "main", RedactedKey.of(FAKE_KEY));
    }

    /** The ledger row of the answer to Askgate's request {@code askgateRequestId}, by {@code model}. */
    static LedgerRow answer(Instant at, String model, String askgateRequestId) {
        return new LedgerRow(at, "slack", "T1", "C1", "U0ASKER", model, new Usage(10, 0, 5), new BigDecimal("0.001"),
                "answered", Duration.ofMillis(800), "req_FAKE2", "main", RedactedKey.of(FAKE_KEY), askgateRequestId);
    }

    /** {@code user}'s vote at {@code at} on the answer to {@code requestId}. */
    static AnswerFeedback vote(Instant at, String user, String requestId, AnswerFeedback.Vote vote) {
        return new AnswerFeedback(at, Platform.SLACK, "T1", "C1", "1700000000.000100", user, requestId, vote);
    }

    static BudgetCharge charge(BudgetScope scope, BudgetMetric metric, long limit, String subject, long amount) {
        return new BudgetCharge(new BudgetLimit(scope, metric, limit), subject, amount);
    }

    static ReservationRequest request(BudgetCharge... charges) {
        return new ReservationRequest(List.of(charges), Duration.ofMinutes(5));
    }
}
