package dev.askgate.core.usage;

import java.util.Objects;

/**
 * One amount to reserve against one limit for one subject (a user key, a channel, a workspace, or
 * {@link #GLOBAL_SUBJECT}). {@code amount} is in the limit's unit.
 */
public record BudgetCharge(BudgetLimit limit, String subject, long amount) {
    public static final String GLOBAL_SUBJECT = "*";

    public BudgetCharge {
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(subject, "subject");
        if (subject.isBlank()) throw new IllegalArgumentException("subject is blank");
        if (amount < 0) throw new IllegalArgumentException("amount is negative");
    }
}
