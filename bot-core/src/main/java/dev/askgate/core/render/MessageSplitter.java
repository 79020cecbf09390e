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
            if (open == null) {
                rest = skipLeadingNewlines(rest);
            }
        }
        return parts;
    }

    private enum Kind { HARD, WORD, LINE, PARAGRAPH }

    /** Cut {@code rest} before {@code end}; continue at {@code resume}; {@code openAfter} is the fence open there. */
    private record Cut(int end, int resume, Fence openAfter) { }

    /** The best cut of {@code rest} whose body (and closing fence, if needed) fits in {@code room}. */
    private static Cut cut(String rest, Fence open, int room) {
        int max = Math.min(room, rest.length());
        int half = max / 2;
        Cut best = null;
        Kind bestKind = null;
        // Scan from the end: the first feasible cut of each kind is the longest part of that kind.
        Cut[] longest = new Cut[Kind.values().length];
        for (int i = max; i >= 1; i--) {
            Kind kind = kindAt(rest, i);
            if (kind == null || longest[kind.ordinal()] != null) continue;
            Cut candidate = candidate(rest, open, i, room);
            if (candidate == null) continue;
            longest[kind.ordinal()] = candidate;
            if (kind == Kind.PARAGRAPH && i >= half) break; // nothing can beat it
        }
        for (Kind kind : new Kind[] {Kind.PARAGRAPH, Kind.LINE, Kind.WORD}) {
            Cut c = longest[kind.ordinal()];
            if (c != null && c.end() >= half) return c;
        }
        for (Kind kind : new Kind[] {Kind.PARAGRAPH, Kind.LINE, Kind.WORD}) {
            Cut c = longest[kind.ordinal()];
            if (c != null && (best == null || c.end() > best.end())) {
                best = c;
                bestKind = kind;
            }
        }
        if (best != null && bestKind != null) return best;
        return hardCut(rest, open, max, room);
    }

    /** The kind of boundary right before index {@code i} of {@code rest}, or null. */
    private static Kind kindAt(String rest, int i) {
        if (i >= rest.length()) return Kind.LINE; // the whole rest fits: as good as a line end
        char c = rest.charAt(i);
        if (c == '\n') {
            return i + 1 < rest.length() && rest.charAt(i + 1) == '\n' || rest.charAt(i - 1) == '\n'
                    ? Kind.PARAGRAPH : Kind.LINE;
        }
        if (c == ' ' || c == '\t') return Kind.WORD;
        return null;
    }

    private static Cut candidate(String rest, Fence open, int end, int room) {
        int bodyEnd = end;
        while (bodyEnd > 0 && rest.charAt(bodyEnd - 1) == '\n') bodyEnd--; // no blank line before a closing fence
        if (bodyEnd == 0) return null;
        Fence after = Fence.stateAfter(rest, bodyEnd, open);
        int needed = bodyEnd + (after == null ? 0 : 1 + after.closeLine().length());
        if (needed > room) return null;
        // The boundary character itself (newline or space) is dropped; the next part starts after it.
        return new Cut(bodyEnd, Math.min(rest.length(), end + 1), after);
    }

    private static Cut hardCut(String rest, Fence open, int max, int room) {
        for (int end = max; end >= 1; end--) {
            if (Character.isHighSurrogate(rest.charAt(end - 1)) && end > 1) continue;
            Fence after = Fence.stateAfter(rest, end, open);
            if (end + (after == null ? 0 : 1 + after.closeLine().length()) <= room) {
                return new Cut(end, end, after);
            }
        }
        throw new IllegalStateException("no room for any text; limit too small for the fence");
    }

    private static String skipLeadingNewlines(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == '\n' || s.charAt(i) == '\r')) i++;
        return s.substring(i);
    }
}
