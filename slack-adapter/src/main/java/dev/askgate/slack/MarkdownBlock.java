package dev.askgate.slack;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Slack's {@code markdown} block, which shows Markdown as a native stream does: what a part of a streamed answer
 * becomes when it is posted or updated instead (a stream that could not start or go on). Its {@code text} twin is
 * only the fallback Slack shows in notifications and search, kept under the length Slack takes in a text.
 */
final class MarkdownBlock {
    /** Slack's limit on the Markdown of one message's {@code markdown} blocks. */
    static final int LIMIT = 12_000;

    private MarkdownBlock() {
    }

    /** The blocks, as JSON, of a message showing {@code markdown}. */
    static String json(String markdown) {
        return "[{\"type\":\"markdown\",\"text\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(markdown))
                + "\"}]";
    }

    /** The message's {@code text}: the start of the Markdown, as plain as Slack reads it. */
    static String fallbackText(String markdown) {
        String plain = MrkdwnConverter.escape(markdown);
        return plain.length() <= SlackPresenter.PART_CHARS ? plain
                : plain.substring(0, SlackPresenter.PART_CHARS - 1) + "\u2026";
    }
}
