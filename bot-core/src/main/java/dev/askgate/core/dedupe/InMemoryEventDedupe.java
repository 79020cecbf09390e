package dev.askgate.core.dedupe;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link EventDedupe} in memory: ids are remembered for a time to live (an hour by default, well beyond
 * Slack's retry schedule) and at most {@code maxEntries} of them, the oldest forgotten first. Not shared
 * between replicas and lost on restart; the database-backed store replaces it for that.
 */
public final class InMemoryEventDedupe implements EventDedupe {
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final long ttlMillis;
    private final int maxEntries;
    private final Clock clock;
    private final LinkedHashMap<String, Long> seen = new LinkedHashMap<>();

    public InMemoryEventDedupe(Duration ttl, int maxEntries, Clock clock) {
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive");
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries < 1");
        this.ttlMillis = ttl.toMillis();
        this.maxEntries = maxEntries;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public InMemoryEventDedupe(Clock clock) {
        this(DEFAULT_TTL, DEFAULT_MAX_ENTRIES, clock);
    }

    @Override
    public synchronized boolean firstSeen(String eventId) {
        Objects.requireNonNull(eventId, "eventId");
        long now = clock.millis();
        // Insertion order is time order, so the expired ids are all at the head.
        for (Iterator<Map.Entry<String, Long>> it = seen.entrySet().iterator(); it.hasNext(); ) {
            if (now - it.next().getValue() < ttlMillis) break;
            it.remove();
        }
        if (seen.containsKey(eventId)) return false;
        seen.put(eventId, now);
        if (seen.size() > maxEntries) {
            Iterator<String> oldest = seen.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }

    /** How many ids are remembered now. */
    public synchronized int size() {
        return seen.size();
    }
}
