package dev.askgate.testkit.slack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** The fake's enforcement of {@link SlackLimits}: how long a call must wait, or zero when it may go now. */
final class RateLimiter {
    private final SlackLimits limits;
    private final Map<String, double[]> postBuckets = new HashMap<>(); // channel -> {tokens, last refill millis}
    private final Deque<Long> updates = new ArrayDeque<>();
    private final Deque<Long> streamStarts = new ArrayDeque<>();

    RateLimiter(SlackLimits limits) {
        this.limits = limits;
    }

    /** Counts the call when it may go; otherwise returns how many milliseconds it should have waited. */
    synchronized long admit(String method, String channel, long nowMillis) {
        return switch (method) {
            case "chat.postMessage" -> admitPost(channel, nowMillis);
            case "chat.update" -> admitInWindow(updates, limits.updatesPerWindow(), limits.updateWindow().toMillis(), nowMillis);
            case "chat.startStream" -> admitInWindow(streamStarts, limits.streamStartsPerMinute(), 60_000, nowMillis);
            default -> 0;
        };
    }

    private long admitPost(String channel, long now) {
        double[] bucket = postBuckets.computeIfAbsent(channel, c -> new double[]{limits.postBurst(), now});
        bucket[0] = Math.min(limits.postBurst(), bucket[0] + (now - bucket[1]) / 1000.0 * limits.postsPerSecond());
        bucket[1] = now;
        if (bucket[0] >= 1) {
            bucket[0] -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - bucket[0]) / limits.postsPerSecond() * 1000);
    }

    /** A sliding window of {@code max} calls per {@code window} ms over the calls kept in {@code times}. */
    private static long admitInWindow(Deque<Long> times, int max, long window, long now) {
        while (!times.isEmpty() && times.peekFirst() <= now - window) times.pollFirst();
        if (times.size() < max) {
            times.addLast(now);
            return 0;
        }
        return times.peekFirst() + window - now;
    }
}
