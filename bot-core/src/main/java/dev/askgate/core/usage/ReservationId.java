package dev.askgate.core.usage;

import java.util.Objects;
import java.util.UUID;

/** Names one reservation, to settle or release it later, from any replica. */
public record ReservationId(String value) {
    public ReservationId {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) throw new IllegalArgumentException("reservation id is blank");
    }

    public static ReservationId random() {
        return new ReservationId(UUID.randomUUID().toString());
    }
}
