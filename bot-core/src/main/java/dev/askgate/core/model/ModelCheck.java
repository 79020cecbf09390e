package dev.askgate.core.model;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** What one check of the model endpoint found: the configured model usable, usable until a date, or not usable. */
public sealed interface ModelCheck {

    /** The endpoint and the key work and the model is listed (or the endpoint lists none) with no end date. */
    record Available() implements ModelCheck { }

    /**
     * The model is listed with a {@code shutdown_date}: the provider will (or, when the date has passed, did) stop
     * serving it on that day.
     */
    record Retiring(LocalDate shutdownDate) implements ModelCheck {
        public Retiring {
            Objects.requireNonNull(shutdownDate, "shutdownDate");
        }

        /** Whole days from {@code today} to the shutdown; 0 on the day itself, negative after it. */
        public long daysLeft(LocalDate today) {
            return today.until(shutdownDate, ChronoUnit.DAYS);
        }

        /** True from the shutdown day on: calls are answered 404 {@code model_not_found} from then. */
        public boolean isPast(LocalDate today) {
            return !today.isBefore(shutdownDate);
        }
    }

    /** The check failed: the endpoint, the key or the model. */
    record Unavailable(ModelError error) implements ModelCheck {
        public Unavailable {
            Objects.requireNonNull(error, "error");
        }
    }
}
