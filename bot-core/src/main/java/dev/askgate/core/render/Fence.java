package dev.askgate.core.render;

/**
 * An open code fence: its character ({@code `} or {@code ~}), how many of them, and the whole opening line
 * (indentation and info string, such as {@code ```java}).
 */
record Fence(char ch, int count, String line) {

    /** The line that closes this fence, with the opening line's indentation. */
    String closeLine() {
        return indentation() + String.valueOf(ch).repeat(count);
    }

    /** The line that reopens this fence in the next part; a very long info string is left out. */
    String reopenLine(int limit) {
        return line.length() <= limit / 4 ? line : closeLine();
    }

    private String indentation() {
        int i = 0;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) i++;
        return line.substring(0, i);
    }

    /**
     * The fence open after the complete lines of {@code text[0, end)}, starting in {@code open} (null: none).
     * A line cut short by {@code end} does not count: it is neither an opening nor a closing line yet.
     */
    static Fence stateAfter(String text, int end, Fence open) {
        boolean lastLineComplete = end >= text.length() || text.charAt(end) == '\n';
        Fence state = open;
        int start = 0;
        while (start < end) {
            int nl = text.indexOf('\n', start);
            int lineEnd = nl < 0 || nl > end ? end : nl;
            if (lineEnd == end && !lastLineComplete) break;
            state = next(state, text, start, lineEnd);
            start = lineEnd + 1;
        }
        return state;
    }

    /** The fence state after one line {@code text[start, end)}. */
    static Fence next(Fence open, String text, int start, int end) {
        int i = start;
        while (i < end && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        if (i >= end) return open;
        char c = text.charAt(i);
        if (c != '`' && c != '~') return open;
        int run = i;
        while (run < end && text.charAt(run) == c) run++;
        int count = run - i;
        if (count < 3) return open;
        String after = text.substring(run, end);
        if (open == null) {
            if (c == '`' && after.indexOf('`') >= 0) return null; // inline code like ```x```, not a fence
            return new Fence(c, count, text.substring(start, end).stripTrailing());
        }
        boolean closes = c == open.ch() && count >= open.count() && after.isBlank();
        return closes ? null : open;
    }
}
