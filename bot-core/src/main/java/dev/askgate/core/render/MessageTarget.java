package dev.askgate.core.render;

/**
 * Where one answer's messages go; each adapter implements it over its platform. The texts arrive already in the
 * platform's format and split to its length (the {@link Presenter} did both). Calls block until the platform has
 * answered; adapters run them on virtual threads. A failed call throws an unchecked exception.
 */
public interface MessageTarget {

    /**
     * Posts the first message of the answer (a reply to the question) and returns its id. A target that shows
     * answers in a way the platform may refuse (a native stream) throws {@link SurfaceDeclined} when nothing was
     * shown: the answer is then rendered again with the presenter's {@linkplain Presenter#fallback fallback}, and
     * this target shows it the ordinary way from then on.
     */
    String post(String text);

    /** Posts a further message continuing a long answer after {@code previousId}; returns its id. */
    String postContinuation(String previousId, String text);

    /** Replaces the text of a message posted earlier. */
    void edit(String messageId, String text);

    /** Shows that an answer is being written (Discord's typing indicator); should return quickly. */
    default void typing() {
    }

    /**
     * The core accepted the question and asks the model now: a place that begins with the question itself (the
     * channel message quoting a Slack {@code /ask}, under which the answer is threaded) is opened here, and so
     * never for a question the core refuses. A failure ends the answer as the bot's fault.
     */
    default void questionAccepted() {
    }

    /**
     * The answer ends with a note only (a refusal, an error before any words): a target that would open a new
     * place for the answer on its first post (a Discord thread) answers where the question was instead.
     */
    default void endedWithoutAnswer() {
    }

    /**
     * The reply is over, once, after its final messages were made or given up ({@code complete}: the answer was
     * shown whole, with no note of an error or a cut): a target that keeps something open (a native stream)
     * closes it here.
     */
    default void ended(boolean complete) {
    }
}
