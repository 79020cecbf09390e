package dev.askgate.core.render;

/**
 * Where one answer's messages go; each adapter implements it over its platform (and applies the platform's
 * text format, such as Slack mrkdwn, there). Calls block until the platform has answered; adapters run them
 * on virtual threads. A failed call throws an unchecked exception.
 */
public interface MessageTarget {

    /** Posts the first message of the answer (a reply to the question) and returns its id. */
    String post(String text);

    /** Posts a further message continuing a long answer after {@code previousId}; returns its id. */
    String postContinuation(String previousId, String text);

    /** Replaces the text of a message posted earlier. */
    void edit(String messageId, String text);

    /** Shows that an answer is being written (Discord's typing indicator); should return quickly. */
    default void typing() {
    }
}
