package dev.askgate.slack;

/** The channel message that shows an {@code /ask} question and who asked it; its thread holds the answer. */
final class QuestionQuote {
    /**
     * Slack refuses a message text much over 4,000 characters ({@code msg_too_long}), and a refused quote would lose
     * the answer, which is posted in its thread: a longer question is quoted shortened, and sent to the model whole.
     */
    static final int MAX_CHARS = 3_500;
    static final String SHORTENED = "\n_(quoted up to here; the whole question went to the model)_";

    private QuestionQuote() {
    }

    /** {@code *<@U1> asked:*} then the question as a block quote, escaped so that it notifies nobody else. */
    static String of(String userId, String question) {
        StringBuilder out = new StringBuilder("*<@").append(userId).append("> asked:*");
        for (String line : MrkdwnConverter.text(question).split("\n")) {
            int room = MAX_CHARS - SHORTENED.length() - out.length() - "\n> …".length();
            if (line.length() > room) {
                if (room > 0) out.append("\n> ").append(cut(line, room)).append('…');
                return out.append(SHORTENED).toString();
            }
            out.append("\n> ").append(line);
        }
        return out.toString();
    }

    /**
     * At most {@code room} characters of an escaped line: at its last space when there is one in the second half,
     * never inside an entity ({@code &amp;}) or between the halves of a surrogate pair.
     */
    private static String cut(String line, int room) {
        int end = room;
        int space = line.lastIndexOf(' ', end);
        if (space >= room / 2) end = space;
        int entity = line.lastIndexOf('&', end - 1);
        if (entity >= 0 && line.indexOf(';', entity) >= end) end = entity;
        if (end > 0 && Character.isHighSurrogate(line.charAt(end - 1))) end--;
        return line.substring(0, end).stripTrailing();
    }
}
