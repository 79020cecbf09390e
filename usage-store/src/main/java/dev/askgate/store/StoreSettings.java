package dev.askgate.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a store runs: its clock (budget windows and expiries are read from it), how long a platform event id is
 * remembered, and the most connections its pool opens.
 */
public record StoreSettings(Clock clock, Duration dedupeTtl, int maxConnections) {
    /** Well beyond Slack's retry schedule (three retries within about an hour). */
    public static final Duration DEFAULT_DEDUPE_TTL = Duration.ofHours(1);

    public StoreSettings {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(dedupeTtl, "dedupeTtl");
        if (dedupeTtl.isNegative() || dedupeTtl.isZero()) throw new IllegalArgumentException("dedupeTtl must be positive");
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections < 1");
    }

    public static StoreSettings defaults() {
        return new StoreSettings(Clock.systemUTC(), DEFAULT_DEDUPE_TTL, 8);
    }

    public StoreSettings withClock(Clock clock) {
        return new StoreSettings(clock, dedupeTtl, maxConnections);
    }
}
