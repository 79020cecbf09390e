package dev.askgate.core.render;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Paces the edits of growing messages: at most one edit per {@code messageInterval} per message, and at
 * most {@code channelEdits} edits in any {@code channelWindow} per channel key, shared by every reply of one
 * adapter. The channel key is whatever the platform limits by (a Discord channel id; for Slack's
 * {@code chat.update}, the workspace; for Slack's {@code chat.postMessage}, the channel).
 *
 * <p>Callers book a slot and wait for it: {@link #reserveEdit} returns how long to wait before editing and
 * counts that edit against the budget, so that concurrent replies never book the same slot. The final edit
 * of an answer ({@link #reserveFinalEdit}) skips the per-message interval but not the channel budget.
 * A pacer that {@linkplain #keepingFinalsFree keeps the final edits free} refuses progress (a first post of a
 * partial answer: {@link #openIfRoom}; an intermediate edit: {@link #reserveProgressEdit}) that would take budget
 * the final edits of the replies already shown will need: under a burst, answers then come whole, not late.
 *
 * <p>Booking costs O(log n) in the bookings of its key (two binary searches per candidate, a bounded number of
 * candidates); bookings no window can reach are pruned as time passes. Thread-safe.
 */
public final class EditPacer {
    public static final Duration DEFAULT_MESSAGE_INTERVAL = Duration.ofMillis(1500);
    private static final int PRUNE_THRESHOLD = 4096;
    /** Candidate slots tried before taking the first slot that surely fits (after the budget's last window). */
    private static final int CANDIDATES = 16;

    private final long intervalMillis;
    private final int channelEdits;
    private final long windowMillis;
    private final boolean finalsFirst;
    private final Clock clock;
    private final Map<String, ChannelLog> channels = new HashMap<>();
    private final Map<String, Long> lastTouch = new HashMap<>();
    /** Replies shown in part and not finished, by reply token: each will need a final edit in its key's budget. */
    private final Map<String, Open> open = new HashMap<>();
    /**
     * The sizes at which each map is next pruned. A prune scans its whole map, so it runs again only once the map
     * has doubled since: a map held large by live entries (thousands of busy channels) then costs amortised O(1)
     * per booking instead of a scan per booking under this pacer's lock (profiled: an eighth of the CPU of 3,000
     * {@code /ask} over 3,000 channels, every reply of the adapter waiting on it).
     */
    private int pruneChannelsAt = PRUNE_THRESHOLD;
    private int pruneTouchesAt = PRUNE_THRESHOLD;
    private int pruneOpenAt = PRUNE_THRESHOLD;

    /** Booked edit times of one channel, a platform-imposed pause, and how many of its messages are open. */
    private static final class ChannelLog {
        final Bookings booked = new Bookings();
        long blockedUntil;
        int open;
    }

    private record Open(String channelKey, long since) { }

    public EditPacer(Duration messageInterval, int channelEdits, Duration channelWindow, Clock clock) {
        this(messageInterval, channelEdits, channelWindow, false, clock);
    }

    private EditPacer(Duration messageInterval, int channelEdits, Duration channelWindow, boolean finalsFirst,
                      Clock clock) {
        if (messageInterval.isNegative()) throw new IllegalArgumentException("messageInterval < 0");
        if (channelEdits < 1) throw new IllegalArgumentException("channelEdits < 1");
        if (channelWindow.isNegative() || channelWindow.isZero()) throw new IllegalArgumentException("channelWindow <= 0");
        this.intervalMillis = messageInterval.toMillis();
        this.channelEdits = channelEdits;
        this.windowMillis = channelWindow.toMillis();
        this.finalsFirst = finalsFirst;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Discord: 5 edits per 5 s per channel keeps clear of its edit rate limits. The adapter {@linkplain
     * #keepingFinalsFree keeps the final edits free} on it; this budget alone always allows progress.
     */
    public static EditPacer forDiscord(Duration messageInterval, Clock clock) {
        return new EditPacer(messageInterval, 5, Duration.ofSeconds(5), clock);
    }

    /**
     * Slack: {@code chat.update} is Tier 3, about 50 calls per minute per workspace; key it by workspace. A second
     * of margin on the window absorbs calls that leave late and arrive together. The final edits are kept free:
     * progress is shown only while the budget has room for every open answer's end.
     */
    public static EditPacer forSlack(Duration messageInterval, Clock clock) {
        return new EditPacer(messageInterval, 50, Duration.ofSeconds(61), clock).keepingFinalsFree();
    }

    /**
     * Slack's {@code chat.postMessage}: about one a second per channel, with short bursts allowed; key it by channel.
     * Two posts in any 2 s: an {@code /ask}'s quoted question and its answer's first message go out together
     * (one a second would hold every such answer back for the rest of that second), the rate stays one a second,
     * and a burst one below Slack's (3) leaves a token for posts that leave apart and arrive together.
     */
    public static EditPacer forSlackPosts(Clock clock) {
        return new EditPacer(Duration.ZERO, 2, Duration.ofSeconds(2), clock);
    }

    /** This pacer, but one whose {@link #progressAllowed} keeps room for the final edits of open messages. */
    public EditPacer keepingFinalsFree() {
        return new EditPacer(Duration.ofMillis(intervalMillis), channelEdits, Duration.ofMillis(windowMillis), true, clock);
    }

    /** The least time between two edits of one message. */
    public Duration messageInterval() {
        return Duration.ofMillis(intervalMillis);
    }

    /**
     * Whether progress may be shown in {@code channelKey} now (a first post of a partial answer, an intermediate
     * edit): always, unless this pacer keeps the final edits free and the edits booked around now, plus one final
     * edit for every open reply, plus this one, would not fit in the budget.
     */
    public synchronized boolean progressAllowed(String channelKey) {
        if (!finalsFirst) return true;
        long now = clock.millis();
        ChannelLog log = channels.computeIfAbsent(channelKey, k -> new ChannelLog());
        if (log.blockedUntil > now) return false;
        log.booked.dropUpTo(now - windowMillis);
        int booked = log.booked.countBetween(now - windowMillis, now + windowMillis);
        return booked + log.open + 1 < channelEdits;
    }

    /**
     * A reply (by a token of its own) is about to show a partial answer, and so will need a final edit: true, and
     * counted as open until {@link #close}, when {@link #progressAllowed}; false (nothing counted) otherwise.
     * Checking and counting at once keeps a burst of replies from all seeing the same room.
     */
    public synchronized boolean openIfRoom(String channelKey, String replyToken) {
        if (!progressAllowed(channelKey)) return false;
        if (finalsFirst && open.putIfAbsent(replyToken, new Open(channelKey, clock.millis())) == null) {
            channels.get(channelKey).open++;
        }
        return true;
    }

    /** The reply {@code replyToken} has made its final edits (or given up): it no longer needs budget. */
    public synchronized void close(String replyToken) {
        Open was = open.remove(replyToken);
        if (was != null) {
            ChannelLog log = channels.get(was.channelKey());
            if (log != null && log.open > 0) log.open--;
        }
    }

    /** Books an intermediate edit of {@code messageId} when {@link #progressAllowed}; empty (nothing booked) otherwise. */
    public synchronized Optional<Duration> reserveProgressEdit(String channelKey, String messageId) {
        return progressAllowed(channelKey) ? Optional.of(book(channelKey, messageId, true)) : Optional.empty();
    }

    /** Books an intermediate edit of {@code messageId}; returns how long to wait before making it. */
    public synchronized Duration reserveEdit(String channelKey, String messageId) {
        return book(channelKey, messageId, true);
    }

    /** Books the final edit of {@code messageId}: no per-message interval, only the channel budget. */
    public synchronized Duration reserveFinalEdit(String channelKey, String messageId) {
        return book(channelKey, messageId, false);
    }

    /**
     * Books a further message of an answer (not its first, which goes out at once): only the channel budget, since
     * a message not yet posted has no interval of its own.
     */
    public synchronized Duration reserveCreate(String channelKey) {
        return book(channelKey, null, false);
    }

    /** How long an intermediate edit would wait now, without booking it. */
    public synchronized Duration delayBeforeEdit(String channelKey, String messageId) {
        long now = clock.millis();
        ChannelLog log = channels.get(channelKey);
        long earliest = earliest(messageId, now, true);
        long at = log == null ? earliest : slot(log, Math.max(earliest, log.blockedUntil));
        return Duration.ofMillis(at - now);
    }

    /** A message was just posted: its first edit waits a whole interval, as any later one. */
    public synchronized void posted(String channelKey, String messageId) {
        lastTouch.put(messageId, clock.millis());
        pruneIfLarge(clock.millis());
    }

    /** The platform said to wait (a 429 with {@code Retry-After}): no edit in this channel before then. */
    public synchronized void backOff(String channelKey, Duration wait) {
        long until = clock.millis() + Math.max(0, wait.toMillis());
        ChannelLog log = channels.computeIfAbsent(channelKey, k -> new ChannelLog());
        log.blockedUntil = Math.max(log.blockedUntil, until);
    }

    /**
     * Gives back an intermediate edit of {@code messageId} booked for later and not made (the answer ended
     * first), so that it does not hold up the final edits. No effect once the booked time has come.
     */
    public synchronized void cancelEdit(String channelKey, String messageId) {
        Long at = lastTouch.get(messageId);
        ChannelLog log = channels.get(channelKey);
        if (at == null || log == null || at <= clock.millis()) return;
        if (log.booked.remove(at)) {
            lastTouch.remove(messageId);
        }
    }

    /** The message will not be edited again. */
    public synchronized void forget(String messageId) {
        lastTouch.remove(messageId);
    }

    private Duration book(String channelKey, String messageId, boolean paced) {
        long now = clock.millis();
        pruneIfLarge(now);
        ChannelLog log = channels.computeIfAbsent(channelKey, k -> new ChannelLog());
        log.booked.dropUpTo(now - windowMillis);
        long at = slot(log, Math.max(earliest(messageId, now, paced), log.blockedUntil));
        log.booked.add(at);
        if (messageId != null) lastTouch.put(messageId, at);
        return Duration.ofMillis(at - now);
    }

    private long earliest(String messageId, long now, boolean paced) {
        Long last = messageId == null ? null : lastTouch.get(messageId);
        return paced && last != null ? Math.max(now, last + intervalMillis) : now;
    }

    /**
     * The earliest time from {@code from} at which fewer than {@code channelEdits} bookings lie within one
     * window on either side. Counting both sides keeps every sliding window within budget even when a final
     * edit is booked before intermediate edits already booked for later. Tries {@code from}, then the ends of
     * the windows of the next few bookings, then the time one window after the budget's last booking but
     * {@code channelEdits - 1}, where fewer than {@code channelEdits} bookings can lie within a window.
     */
    private long slot(ChannelLog log, long from) {
        Bookings b = log.booked;
        if (fits(b, from)) return from;
        int i = b.firstAbove(from - windowMillis);
        for (int tried = 0; tried < CANDIDATES && i < b.size(); tried++, i++) {
            long candidate = b.get(i) + windowMillis;
            if (candidate > from && fits(b, candidate)) return candidate;
        }
        return Math.max(from, b.get(b.size() - channelEdits) + windowMillis);
    }

    private boolean fits(Bookings booked, long at) {
        return booked.countBetween(at - windowMillis, at + windowMillis) < channelEdits;
    }

    private void pruneIfLarge(long now) {
        if (channels.size() > pruneChannelsAt) {
            for (Iterator<ChannelLog> it = channels.values().iterator(); it.hasNext(); ) {
                ChannelLog log = it.next();
                log.booked.dropUpTo(now - windowMillis);
                if (log.booked.size() == 0 && log.blockedUntil <= now && log.open == 0) it.remove();
            }
            pruneChannelsAt = nextPruneAt(channels.size());
        }
        long stale = now - Math.max(windowMillis, intervalMillis) * 10;
        if (lastTouch.size() > pruneTouchesAt) {
            // Messages whose reply never finished (a crash mid-answer) would otherwise stay forever.
            lastTouch.values().removeIf(t -> t < stale);
            pruneTouchesAt = nextPruneAt(lastTouch.size());
        }
        if (open.size() > pruneOpenAt) {
            open.entrySet().removeIf(e -> {
                if (e.getValue().since() >= stale) return false;
                ChannelLog log = channels.get(e.getValue().channelKey());
                if (log != null && log.open > 0) log.open--;
                return true;
            });
            pruneOpenAt = nextPruneAt(open.size());
        }
    }

    private static int nextPruneAt(int remaining) {
        return Math.max(PRUNE_THRESHOLD, 2 * remaining);
    }

    /** Messages whose last edit time this pacer keeps (for tests: a finished message must not stay). */
    synchronized int trackedMessages() {
        return lastTouch.size();
    }
}
