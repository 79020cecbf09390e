package dev.askgate.core.render;

import java.util.ArrayList;
import java.util.List;

/** An independent line-based reading of code fences, for checking the splitter's output. */
final class FenceCheck {
    private FenceCheck() {
    }

    /** Whether every fence opened in {@code text} is closed again. */
    static boolean balanced(String text) {
        String open = null;
        for (String line : text.split("\n", -1)) {
            String s = line.strip();
            if (!s.startsWith("```")) continue;
            if (open == null) {
                open = s;
            } else if (s.chars().allMatch(c -> c == '`')) {
                open = null;
            }
        }
        return open == null;
    }

    /** The non-whitespace characters of {@code text} outside fence lines, for comparing content. */
    static String content(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.strip().startsWith("```")) continue;
            line.chars().filter(c -> !Character.isWhitespace(c)).forEach(c -> out.append((char) c));
        }
        return out.toString();
    }

    static List<String> fenceLines(String text) {
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.strip().startsWith("```")) lines.add(line.strip());
        }
        return lines;
    }
}
