package dev.askgate.core.render;

/**
 * How an answer's Markdown becomes a platform's messages: formatted first, then split into parts of at most
 * {@link #partLength()} characters of the formatted text, so that what the platform counts is what is measured.
 */
public interface PartLayout {

    /** Markdown into the platform's text (Slack mrkdwn; Discord takes Markdown as it is). */
    String format(String markdown);

    /** The most characters of formatted text one message may hold. */
    int partLength();

    /**
     * Whether the platform refused a message for its length (Slack's {@code msg_too_long}): the reply then
     * halves its part length and the next flush splits again.
     */
    default boolean refusedAsTooLong(RuntimeException failure) {
        return false;
    }

    /** Markdown as it is, in parts of at most {@code partLength} characters. */
    static PartLayout plain(int partLength) {
        if (partLength < MessageSplitter.MIN_LIMIT) {
            throw new IllegalArgumentException("partLength must be at least " + MessageSplitter.MIN_LIMIT);
        }
        return new PartLayout() {
            @Override
            public String format(String markdown) {
                return markdown;
            }

            @Override
            public int partLength() {
                return partLength;
            }
        };
    }
}
