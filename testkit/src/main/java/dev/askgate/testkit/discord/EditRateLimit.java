package dev.askgate.testkit.discord;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The edit limit the fake Discord enforces, as a bot meets it on real Discord: at most {@link #LIMIT} edits of a
 * channel's messages in any {@link #WINDOW_MILLIS} (less a little slack for the arrival jitter of requests that
 * a correct client booked exactly one window apart). A refused edit is not counted.
 */
final class EditRateLimit {
    static final int LIMIT = 5;
    static final long WINDOW_MILLIS = 5000;
    private static final long SLACK_MILLIS = 100;

    /** Whether the edit may go through; what {@code X-RateLimit-Remaining} and {@code -Reset-After} say. */
    record Verdict(boolean allowed, int remaining, long resetAfterMillis) { }

    private final Map<String, Deque<Long>> edits = new HashMap<>();

    synchronized Verdict admit(String channelId, long nowMillis) {
        long window = WINDOW_MILLIS - SLACK_MILLIS;
        Deque<Long> times = edits.computeIfAbsent(channelId, k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= nowMillis - window) times.pollFirst();
        if (times.size() >= LIMIT) {
            return new Verdict(false, 0, times.peekFirst() + window - nowMillis);
        }
        times.addLast(nowMillis);
        return new Verdict(true, LIMIT - times.size(), times.peekFirst() + window - nowMillis);
    }
}
