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

    RateLimiter(SlackLimits limits) {
        this.limits = limits;
    }

    /** Counts the call when it may go; otherwise returns how many milliseconds it should have waited. */
    synchronized long admit(String method, String channel, long nowMillis) {
        return switch (method) {
            case "chat.postMessage" -> admitPost(channel, nowMillis);
            case "chat.update" -> admitUpdate(nowMillis);
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

    private long admitUpdate(long now) {
        long window = limits.updateWindow().toMillis();
        while (!updates.isEmpty() && updates.peekFirst() <= now - window) updates.pollFirst();
        if (updates.size() < limits.updatesPerWindow()) {
            updates.addLast(now);
            return 0;
        }
        return updates.peekFirst() + window - now;
    }
}
