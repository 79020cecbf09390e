package dev.askgate.core.render;

import java.util.Arrays;

/**
 * The booked times of one pacing key, ascending, in one array: counting the bookings in a span is two binary
 * searches (O(log n)); booking at the end, the common case, appends; bookings that no window can reach any more
 * are dropped from the front. Not thread-safe: {@link EditPacer} holds its lock around every use.
 */
final class Bookings {
    private long[] times = new long[8];
    private int head;
    private int size;

    int size() {
        return size;
    }

    long get(int i) {
        return times[head + i];
    }

    /** Drops every booking at or before {@code t}. */
    void dropUpTo(long t) {
        int n = firstAbove(t);
        head += n;
        size -= n;
        if (size == 0) head = 0;
    }

    /** How many bookings lie strictly between {@code from} and {@code to}. */
    int countBetween(long from, long to) {
        return Math.max(0, firstAtOrAbove(to) - firstAbove(from));
    }

    /** The index of the first booking after {@code t} ({@link #size()} when none). */
    int firstAbove(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (get(mid) <= t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private int firstAtOrAbove(long t) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (get(mid) < t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    void add(long t) {
        if (head + size == times.length) {
            if (size * 2 <= times.length) {
                System.arraycopy(times, head, times, 0, size); // the front was pruned: reuse its room
            } else {
                times = Arrays.copyOfRange(times, head, head + Math.max(8, size * 2));
            }
            head = 0;
        }
        int at = firstAbove(t);
        System.arraycopy(times, head + at, times, head + at + 1, size - at);
        times[head + at] = t;
        size++;
    }

    /** Removes one booking at exactly {@code t}; false when there is none. */
    boolean remove(long t) {
        int at = firstAtOrAbove(t);
        if (at >= size || get(at) != t) return false;
        System.arraycopy(times, head + at + 1, times, head + at, size - at - 1);
        size--;
        return true;
    }
}
