package dev.askgate.core.usage;

import java.time.Instant;
import java.util.Objects;

/** The answer to a reservation: held until {@code expiresAt}, or refused by one named limit. */
public sealed interface ReserveResult {

    /** Every charge is held; settle or release {@code id} when the call ends. */
    record Reserved(ReservationId id, Instant expiresAt) implements ReserveResult {
        public Reserved {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /**
     * Nothing is held: {@code limit} for {@code subject} would be passed. {@code used} counts what was settled
     * and held before this request, in the limit's unit; {@code resetsAt} is when its window ends (for
     * concurrent calls: when the oldest one in flight expires at the latest).
     */
    record Refused(BudgetLimit limit, String subject, long used, Instant resetsAt) implements ReserveResult {
        public Refused {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(subject, "subject");
            Objects.requireNonNull(resetsAt, "resetsAt");
        }
    }
}
