package dev.askgate.core;

/**
 * Receives an answer while it is being written. Adapters implement it (usually through
 * {@code dev.askgate.core.render.StreamingReply}); the core calls it from the thread that reads the model's stream.
 */
public interface ReplySink {
    /** Work on the answer has begun (a typing indicator is a good response). */
    default void started() {
    }

    /** The next piece of the answer's text, in order. */
    void delta(String text);

    /** A sink that discards everything, for callers that only want the outcome. */
    static ReplySink discarding() {
        return text -> { };
    }
}
