package dev.askgate.core.policy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a refused person why at most once per interval (a minute by default), so that someone who keeps
 * mentioning the bot in a channel it may not answer in does not fill it with refusals. Thread-safe.
 */
public final class RefusalThrottle {
    private static final int PRUNE_THRESHOLD = 10_000;

    private final long intervalMillis;
    private final Clock clock;
    private final Map<String, Long> lastTold = new ConcurrentHashMap<>();

    public RefusalThrottle(Duration interval, Clock clock) {
        if (interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("interval must be positive");
        this.intervalMillis = interval.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Once per minute per user. */
    public static RefusalThrottle perMinute(Clock clock) {
        return new RefusalThrottle(Duration.ofMinutes(1), clock);
    }

    /**
     * Whether to tell the person with {@code userKey} (see {@code Caller.userKey()}) about a refusal now;
     * a yes counts as telling them.
     */
    public boolean shouldTell(String userKey) {
        Objects.requireNonNull(userKey, "userKey");
        long now = clock.millis();
        if (lastTold.size() > PRUNE_THRESHOLD) {
            lastTold.values().removeIf(t -> now - t >= intervalMillis);
        }
        boolean[] tell = new boolean[1];
        lastTold.compute(userKey, (key, last) -> {
            tell[0] = last == null || now - last >= intervalMillis;
            return tell[0] ? now : last;
        });
        return tell[0];
    }
}
