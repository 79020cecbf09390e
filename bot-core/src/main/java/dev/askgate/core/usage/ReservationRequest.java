package dev.askgate.core.usage;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything one call reserves, all or nothing, and how long the holds last when nobody settles them (a
 * process that died mid-call): after {@code hold} they stop counting.
 */
public record ReservationRequest(List<BudgetCharge> charges, Duration hold) {
    public ReservationRequest {
        charges = List.copyOf(charges);
        Objects.requireNonNull(hold, "hold");
        if (hold.isNegative() || hold.isZero()) throw new IllegalArgumentException("hold must be positive");
    }
}
