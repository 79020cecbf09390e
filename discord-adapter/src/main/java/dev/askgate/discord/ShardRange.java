package dev.askgate.discord;

import java.util.Optional;
import java.util.stream.IntStream;

/** Which Discord shards this replica runs: {@code total} shards in all, of which {@code first..last} here. */
public record ShardRange(int total, int first, int last) {
    public ShardRange {
        if (total < 1) throw new IllegalArgumentException("total < 1");
        if (first < 0 || first > last || last >= total) {
            throw new IllegalArgumentException("shards " + first + "-" + last + " are not within 0-" + (total - 1));
        }
    }

    /** Parses {@code total} or {@code total:first-last}; empty when the text is neither. */
    public static Optional<ShardRange> parse(String text) {
        var m = java.util.regex.Pattern.compile("(\\d{1,5})(?::(\\d{1,5})-(\\d{1,5}))?").matcher(text.strip());
        if (!m.matches()) return Optional.empty();
        int total = Integer.parseInt(m.group(1));
        int first = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int last = m.group(3) == null ? total - 1 : Integer.parseInt(m.group(3));
        try {
            return Optional.of(new ShardRange(total, first, last));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public int[] ids() {
        return IntStream.rangeClosed(first, last).toArray();
    }

    @Override
    public String toString() {
        return total + ":" + first + "-" + last;
    }
}
