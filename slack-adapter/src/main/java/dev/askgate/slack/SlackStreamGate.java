package dev.askgate.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether an answer may open a native stream in a workspace, shared by every answer of the platform: never with
 * {@code SLACK_STREAMING=edits}; not while the workspace's {@code chat.startStream} budget (Tier 2, about 20 a
 * minute) is spent, so that the answer goes to posted and updated messages without asking Slack; with
 * {@code auto}, not for a while after Slack refused streaming for good there ({@code unknown_method} on an older
 * Enterprise Grid or GovSlack, a feature or token not allowed). Each cause of a fallback is logged once per
 * workspace, not once per answer. Thread-safe.
 */
final class SlackStreamGate {
    private static final Logger log = LoggerFactory.getLogger(SlackStreamGate.class);
    /** Slack's Tier 2: about 20 calls a minute; a second of margin on the window absorbs calls arriving together. */
    static final int STARTS_PER_WINDOW = 20;
    static final Duration START_WINDOW = Duration.ofSeconds(61);
    /** How long a workspace that refused streaming for good stays edits-only (in {@code auto}) before one more try. */
    static final Duration EDITS_ONLY_FOR = Duration.ofHours(1);
    /** How long starts wait after a rate-limited one: Slack answers 429 for the rest of its minute. */
    static final Duration AFTER_RATE_LIMIT = Duration.ofSeconds(30);
    /** Codes that say streaming will not work in this workspace, whatever the answer. */
    private static final Set<String> PERMANENT = Set.of("unknown_method", "not_allowed", "not_allowed_token_type",
            "feature_not_enabled", "missing_scope", "not_enabled", "method_deprecated", "team_not_allowed");

    private final SlackConfig.Streaming mode;
    private final int startsPerWindow;
    private final Clock clock;
    private final Map<String, Deque<Long>> starts = new HashMap<>();
    private final Map<String, Long> closedUntil = new HashMap<>();
    private final Set<String> logged = new HashSet<>();

    SlackStreamGate(SlackConfig.Streaming mode, Clock clock) {
        this(mode, STARTS_PER_WINDOW, clock);
    }

    SlackStreamGate(SlackConfig.Streaming mode, int startsPerWindow, Clock clock) {
        this.mode = Objects.requireNonNull(mode, "mode");
        if (startsPerWindow < 1) throw new IllegalArgumentException("startsPerWindow < 1");
        this.startsPerWindow = startsPerWindow;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether answers try native streams at all. */
    boolean streams() {
        return mode != SlackConfig.Streaming.EDITS;
    }

    /**
     * Whether one more stream may start in {@code workspace} now; a yes counts against the start budget. A no is
     * logged once per cause.
     */
    synchronized boolean mayStart(String workspace) {
        if (!streams()) return false;
        long now = clock.millis();
        Long until = closedUntil.get(workspace);
        if (until != null && until > now) return false;
        Deque<Long> times = starts.computeIfAbsent(workspace, k -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - START_WINDOW.toMillis()) times.pollFirst();
        if (times.size() >= startsPerWindow) {
            fellBack(workspace, "start_budget_spent", "Slack allows about " + startsPerWindow
                    + " stream starts a minute per workspace; answers beyond them are posted and updated");
            return false;
        }
        times.addLast(now);
        return true;
    }

    /** Slack refused a start with {@code code}: logged once per cause; streaming paused or given up as it says. */
    synchronized void refused(String workspace, String code) {
        long now = clock.millis();
        if (mode == SlackConfig.Streaming.AUTO && PERMANENT.contains(code)) {
            closedUntil.put(workspace, now + EDITS_ONLY_FOR.toMillis());
            fellBack(workspace, code, "this workspace answers with posted and updated messages for "
                    + EDITS_ONLY_FOR.toMinutes() + " minutes (SLACK_STREAMING=auto)");
        } else if ("ratelimited".equals(code)) {
            closedUntil.merge(workspace, now + AFTER_RATE_LIMIT.toMillis(), Math::max);
            fellBack(workspace, code, "answers are posted and updated until Slack allows starts again");
        } else {
            fellBack(workspace, code, "that answer is posted and updated instead");
        }
    }

    /** A stream failed after it started ({@code cause}): logged once per cause; the answer goes on in updates. */
    synchronized void broke(String workspace, String cause) {
        fellBack(workspace, cause, "that message is updated instead");
    }

    private void fellBack(String workspace, String cause, String then) {
        if (logged.add(workspace + " " + cause)) {
            log.warn("platform=slack workspace={} native streaming fell back ({}): {}; logged once per cause",
                    workspace, cause, then);
        } else {
            log.debug("platform=slack workspace={} native streaming fell back ({})", workspace, cause);
        }
    }
}
