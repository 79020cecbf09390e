package dev.askgate.testkit.slack;

import java.time.Duration;

/**
 * Slack's published rate limits as {@link FakeSlack#enforce} applies them: {@code chat.postMessage} about one
 * per second per channel with a short burst allowance (a token bucket of {@code postBurst} refilled at
 * {@code postsPerSecond}), {@code chat.update} Tier 3 ({@code updatesPerWindow} in any sliding
 * {@code updateWindow} per workspace), {@code chat.startStream} Tier 2 ({@code streamStartsPerMinute} per workspace).
 * Beyond them a call is answered HTTP 429 with {@code Retry-After}.
 */
public record SlackLimits(double postsPerSecond, int postBurst, int updatesPerWindow, Duration updateWindow,
                          int streamStartsPerMinute) {
    /**
     * The published limits: 1 post a second per channel (bursts of 3), 50 updates a minute per workspace, 20 stream
     * starts a minute per workspace.
     */
    public static final SlackLimits PUBLISHED = new SlackLimits(1.0, 3, 50, Duration.ofMinutes(1), 20);

    public SlackLimits {
        if (postsPerSecond <= 0 || postBurst < 1 || updatesPerWindow < 1 || updateWindow.isNegative() || updateWindow.isZero()
                || streamStartsPerMinute < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** Limits for posts and updates, with stream starts at their published 20 a minute. */
    public SlackLimits(double postsPerSecond, int postBurst, int updatesPerWindow, Duration updateWindow) {
        this(postsPerSecond, postBurst, updatesPerWindow, updateWindow, 20);
    }
}
