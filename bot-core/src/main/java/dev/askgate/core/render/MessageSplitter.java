package dev.askgate.core.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a long answer into messages of at most {@code limit} characters, at a paragraph, else a line,
 * else a word boundary, and a hard cut only for a word longer than a message.
 *
 * <p>A code fence is never left open at the end of a message: when a fenced block must be split, the part
 * ends with the closing fence and the next part reopens it with the same info string ({@code ```java}),
 * so every part renders on its own. Fences are recognised line by line, as CommonMark does.
 */
public final class MessageSplitter {
    /** Below this a reopened fence plus its closing would crowd out the text. */
    public static final int MIN_LIMIT = 64;

    private final int limit;

    public MessageSplitter(int limit) {
        if (limit < MIN_LIMIT) throw new IllegalArgumentException("limit must be at least " + MIN_LIMIT);
        this.limit = limit;
    }

    /** A splitter that never splits (the terminal). */
    public static MessageSplitter unlimited() {
        return new MessageSplitter(Integer.MAX_VALUE);
    }

    public int limit() {
        return limit;
    }

    /** The parts, in order; empty when the text is blank. */
    public List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        if (text == null || text.isBlank()) return parts;
        String rest = text;
        Fence open = null;
        while (!rest.isBlank()) {
            String prefix = open == null ? "" : open.reopenLine(limit) + "\n";
            if ((long) prefix.length() + rest.length() <= limit) {
                parts.add(prefix + rest);
                break;
            }
            Cut cut = cut(rest, open, limit - prefix.length());
            String body = rest.substring(0, cut.end());
            parts.add(prefix + body + (cut.openAfter() == null ? "" : "\n" + cut.openAfter().closeLine()));
            open = cut.openAfter();
            rest = rest.substring(cut.resume());
            if (open != null && closesAtStart(rest, open)) {
                // The part's added closing fence stands in for this one; reopening would show an empty block.
                int nl = rest.indexOf('\n');
                rest = nl < 0 ? "" : rest.substring(nl + 1);
                open = null;
            }
            if (open == null) {
                rest = skipLeadingNewlines(rest);
            }
        }
        return parts;
    }

    /** Boundaries from the best to the worst place to cut. */
    private enum Kind { PARAGRAPH, LINE, WORD }

    /** Cut {@code rest} before {@code end}; continue at {@code resume}; {@code openAfter} is the fence open there. */
    private record Cut(int end, int resume, Fence openAfter) { }

    /**
     * The best cut of {@code rest} whose body (and closing fence, if needed) fits in {@code room}: the best kind
     * of boundary that still fills half a message, else a quarter, else the longest part any boundary gives,
     * else a hard cut.
     */
    private static Cut cut(String rest, Fence open, int room) {
        int max = Math.min(room, rest.length());
        // Scan from the end: the first feasible cut of each kind is the longest part of that kind.
        Cut[] longest = new Cut[Kind.values().length];
        for (int i = max; i >= 1; i--) {
            Kind kind = kindAt(rest, i);
            if (kind == null || longest[kind.ordinal()] != null) continue;
            longest[kind.ordinal()] = candidate(rest, open, i, room);
            if (kind == Kind.PARAGRAPH && longest[kind.ordinal()] != null && i >= max / 2) break; // the best
        }
        for (int minimum : new int[] {max / 2, max / 4, 1}) {
            for (Cut c : longest) {
                if (c != null && c.end() >= minimum) return minimum > 1 ? c : longestOf(longest);
            }
        }
        return hardCut(rest, open, max, room);
    }

    private static Cut longestOf(Cut[] cuts) {
        Cut best = null;
        for (Cut c : cuts) {
            if (c != null && (best == null || c.end() > best.end())) best = c;
        }
        return best;
    }

    /** The kind of boundary right before index {@code i} of {@code rest}, or null. */
    private static Kind kindAt(String rest, int i) {
        if (i >= rest.length()) return Kind.LINE; // the whole rest fits: as good as a line end
        char c = rest.charAt(i);
        if (c == '\n') {
            return i + 1 < rest.length() && rest.charAt(i + 1) == '\n' || rest.charAt(i - 1) == '\n'
                    ? Kind.PARAGRAPH : Kind.LINE;
        }
        // A word boundary needs a word before it: cutting inside indentation leaves a blank line behind.
        if ((c == ' ' || c == '\t') && !Character.isWhitespace(rest.charAt(i - 1))) return Kind.WORD;
        return null;
    }

    private static Cut candidate(String rest, Fence open, int end, int room) {
        int bodyEnd = end;
        while (bodyEnd > 0 && rest.charAt(bodyEnd - 1) == '\n') bodyEnd--; // no blank line before a closing fence
        if (bodyEnd == 0) return null;
        if (end < rest.length() && rest.charAt(end) != '\n' && insideFenceLine(rest, end)) return null;
        Fence after = Fence.stateAfter(rest, bodyEnd, open);
        if (after != null && opensOnLastLine(rest, bodyEnd, open)) return null; // would end in an empty block
        int needed = bodyEnd + (after == null ? 0 : 1 + after.closeLine().length());
        if (needed > room) return null;
        // The boundary character itself (newline or space) is dropped; the next part starts after it.
        return new Cut(bodyEnd, Math.min(rest.length(), end + 1), after);
    }

    /** Whether index {@code at} lies inside a line that looks like a fence ({@code ```json title=x}). */
    private static boolean insideFenceLine(String rest, int at) {
        int start = rest.lastIndexOf('\n', at - 1) + 1;
        int nl = rest.indexOf('\n', at);
        String line = rest.substring(start, nl < 0 ? rest.length() : nl).strip();
        return line.startsWith("```") || line.startsWith("~~~");
    }

    private static boolean opensOnLastLine(String rest, int bodyEnd, Fence open) {
        int lastLineStart = rest.lastIndexOf('\n', bodyEnd - 1) + 1;
        return Fence.stateAfter(rest, lastLineStart, open) == null;
    }

    private static Cut hardCut(String rest, Fence open, int max, int room) {
        for (boolean spareFenceLines : new boolean[] {true, false}) {
            for (int end = max; end >= 1; end--) {
                if (Character.isHighSurrogate(rest.charAt(end - 1)) && end > 1) continue;
                if (spareFenceLines && insideFenceLine(rest, end)) continue;
                Fence after = Fence.stateAfter(rest, end, open);
                if (end + (after == null ? 0 : 1 + after.closeLine().length()) <= room) {
                    return new Cut(end, end, after);
                }
            }
        }
        throw new IllegalStateException("no room for any text; limit too small for the fence");
    }

    private static boolean closesAtStart(String rest, Fence open) {
        int nl = rest.indexOf('\n');
        return Fence.next(open, rest, 0, nl < 0 ? rest.length() : nl) == null;
    }

    private static String skipLeadingNewlines(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '\n' || s.charAt(i) == '\r')) i++;
        return s.substring(i);
    }
}
