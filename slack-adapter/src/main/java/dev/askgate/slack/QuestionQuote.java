package dev.askgate.slack;

/** The channel message that shows an {@code /ask} question and who asked it; its thread holds the answer. */
final class QuestionQuote {
    private QuestionQuote() {
    }

    /** {@code *<@U1> asked:*} then the question as a block quote, escaped so that it notifies nobody else. */
    static String of(String userId, String question) {
        StringBuilder out = new StringBuilder("*<@").append(userId).append("> asked:*");
        for (String line : MrkdwnConverter.text(question).split("\n")) {
            out.append("\n> ").append(line);
        }
        return out.toString();
    }
}
