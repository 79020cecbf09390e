package dev.askgate.core;

/**
 * Receives an answer while it is being written. Adapters implement it (usually through
 * {@code dev.askgate.core.render.StreamingReply}); the core calls it from the thread that reads the model's stream.
 */
public interface ReplySink {
    /**
     * The core accepted the question (it passed the checks) and is about to call the model: the answer's place
     * may be prepared now (a typing indicator, the quoted question an answer is threaded under). What this throws
     * ends the answer as the bot's own fault.
     */
    default void accepted() {
    }

    /** The next piece of the answer's text, in order. */
    void delta(String text);

    /** A sink that discards everything, for callers that only want the outcome. */
    static ReplySink discarding() {
        return text -> { };
    }
}
