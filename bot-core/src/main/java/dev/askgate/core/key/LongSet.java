package dev.askgate.core.key;

import java.util.Arrays;
import java.util.Collection;

/**
 * A fixed set of 64-bit hashes, looked up without boxing: the leak check looks up every window of every answer's
 * text. A bitmap of about eight bits per hash answers "no" for most windows of ordinary text with one array read;
 * a sorted array answers the rest exactly.
 */
final class LongSet {
    private static final int BITS_PER_VALUE = 8;

    private final long[] sorted;
    private final long[] bitmap;
    private final int mask;

    private LongSet(long[] sorted) {
        this.sorted = sorted;
        int bits = Math.max(Long.SIZE, Integer.highestOneBit(Math.max(1, sorted.length * BITS_PER_VALUE) - 1) << 1);
        this.bitmap = new long[bits / Long.SIZE];
        this.mask = bits - 1;
        for (long value : sorted) {
            int bit = bitOf(value);
            bitmap[bit >>> 6] |= 1L << bit;
        }
    }

    static LongSet of(Collection<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().distinct().toArray();
        return new LongSet(sorted);
    }

    boolean contains(long value) {
        int bit = bitOf(value);
        if ((bitmap[bit >>> 6] & (1L << bit)) == 0) return false;
        return Arrays.binarySearch(sorted, value) >= 0;
    }

    /** Window hashes of similar texts share low bits; a multiplicative mix spreads them over the bitmap. */
    private int bitOf(long value) {
        return (int) ((value * 0x9E3779B97F4A7C15L) >>> 32) & mask;
    }
}
