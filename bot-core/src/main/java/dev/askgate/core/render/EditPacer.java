package dev.askgate.core.render;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Paces the edits of growing messages: at most one edit per {@code messageInterval} per message, and at
 * most {@code channelEdits} edits in any {@code channelWindow} per channel key, shared by every reply of one
 * adapter. The channel key is whatever the platform limits by (a Discord channel id; for Slack's
 * {@code chat.update}, the workspace).
 *
 * <p>Callers book a slot and wait for it: {@link #reserveEdit} returns how long to wait before editing and
 * counts that edit against the budget, so that concurrent replies never book the same slot. The final edit
 * of an answer ({@link #reserveFinalEdit}) skips the per-message interval but not the channel budget.
 * Thread-safe.
 */
public final class EditPacer {
    public static final Duration DEFAULT_MESSAGE_INTERVAL = Duration.ofMillis(1500);
    private static final int PRUNE_THRESHOLD = 4096;

    private final long intervalMillis;
    private final int channelEdits;
    private final long windowMillis;
    private final Clock clock;
    private final Map<String, ChannelLog> channels = new HashMap<>();
    private final Map<String, Long> lastTouch = new HashMap<>();

    /** Booked edit times of one channel, ascending, and a platform-imposed pause. */
    private static final class ChannelLog {
        final List<Long> booked = new ArrayList<>();
        long blockedUntil;
    }

    public EditPacer(Duration messageInterval, int channelEdits, Duration channelWindow, Clock clock) {
        if (messageInterval.isNegative()) throw new IllegalArgumentException("messageInterval < 0");
        if (channelEdits < 1) throw new IllegalArgumentException("channelEdits < 1");
        if (channelWindow.isNegative() || channelWindow.isZero()) throw new IllegalArgumentException("channelWindow <= 0");
        this.intervalMillis = messageInterval.toMillis();
        this.channelEdits = channelEdits;
        this.windowMillis = channelWindow.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Discord: 5 edits per 5 s per channel keeps clear of its edit rate limits. */
    public static EditPacer forDiscord(Duration messageInterval, Clock clock) {
        return new EditPacer(messageInterval, 5, Duration.ofSeconds(5), clock);
    }

    /** Slack: {@code chat.update} is Tier 3, about 50 calls per minute; key it by workspace. */
    public static EditPacer forSlack(Duration messageInterval, Clock clock) {
        return new EditPacer(messageInterval, 50, Duration.ofMinutes(1), clock);
    }

    /** The least time between two edits of one message. */
    public Duration messageInterval() {
        return Duration.ofMillis(intervalMillis);
    }

    /** Books an intermediate edit of {@code messageId}; returns how long to wait before making it. */
    public synchronized Duration reserveEdit(String channelKey, String messageId) {
        return book(channelKey, messageId, true);
    }

    /** Books the final edit of {@code messageId}: no per-message interval, only the channel budget. */
    public synchronized Duration reserveFinalEdit(String channelKey, String messageId) {
        return book(channelKey, messageId, false);
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
        log.booked.removeIf(t -> t <= now - windowMillis);
        long at = slot(log, Math.max(earliest(messageId, now, paced), log.blockedUntil));
        int index = Collections.binarySearch(log.booked, at);
        log.booked.add(index < 0 ? -index - 1 : index, at);
        lastTouch.put(messageId, at);
        return Duration.ofMillis(at - now);
    }

    private long earliest(String messageId, long now, boolean paced) {
        Long last = lastTouch.get(messageId);
        return paced && last != null ? Math.max(now, last + intervalMillis) : now;
    }

    /**
     * The earliest time from {@code from} at which fewer than {@code channelEdits} bookings lie within one
     * window on either side. Counting both sides keeps every sliding window within budget even when a final
     * edit is booked before intermediate edits already booked for later.
     */
    private long slot(ChannelLog log, long from) {
        if (fits(log.booked, from)) return from;
        for (long t : log.booked) {
            long candidate = t + windowMillis;
            if (candidate > from && fits(log.booked, candidate)) return candidate;
        }
        throw new IllegalStateException("unreachable: after the last booking plus a window every slot is free");
    }

    private boolean fits(List<Long> booked, long at) {
        int count = 0;
        for (long t : booked) {
            if (t > at - windowMillis && t < at + windowMillis) count++;
        }
        return count < channelEdits;
    }

    private void pruneIfLarge(long now) {
        if (channels.size() > PRUNE_THRESHOLD) {
            for (Iterator<ChannelLog> it = channels.values().iterator(); it.hasNext(); ) {
                ChannelLog log = it.next();
                log.booked.removeIf(t -> t <= now - windowMillis);
                if (log.booked.isEmpty() && log.blockedUntil <= now) it.remove();
            }
        }
        if (lastTouch.size() > PRUNE_THRESHOLD) {
            // Messages whose reply never finished (a crash mid-answer) would otherwise stay forever.
            lastTouch.values().removeIf(t -> t < now - Math.max(windowMillis, intervalMillis) * 10);
        }
    }
}
