package dev.askgate.core.render;

/**
 * Joins the parts of one long answer back into its text: where a code block was split, the part ends with an
 * added closing fence and the next part reopens the block; both added lines are dropped again.
 */
public final class AnswerParts {
    private AnswerParts() {
    }

    public static String join(String earlier, String next) {
        String lastLine = earlier.substring(earlier.lastIndexOf('\n') + 1);
        int firstEnd = next.indexOf('\n');
        String firstLine = firstEnd < 0 ? next : next.substring(0, firstEnd);
        int lastStart = earlier.lastIndexOf('\n');
        if (lastStart > 0 && isFence(lastLine) && isFence(firstLine) && firstEnd > 0
                && fenceOpenBefore(earlier.substring(0, lastStart))) {
            return earlier.substring(0, lastStart) + "\n" + next.substring(firstEnd + 1);
        }
        return earlier + "\n" + next;
    }

    /** Whether a code block is still open at the end of {@code text} (fence lines counted as CommonMark does, simply). */
    private static boolean fenceOpenBefore(String text) {
        return text.lines().filter(AnswerParts::isFence).count() % 2 == 1;
    }

    private static boolean isFence(String line) {
        String l = line.strip();
        return l.startsWith("```") || l.startsWith("~~~");
    }
}
