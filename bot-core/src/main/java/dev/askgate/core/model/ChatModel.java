package dev.askgate.core.model;

/** The port to a chat model. Calls block; run them on virtual threads. */
public interface ChatModel {

    /**
     * Streams an answer: {@code onDelta} receives each piece of text in order, then the call returns
     * how it ended. A streaming call is retried only before its first delta.
     */
    ModelResult stream(ModelRequest request, DeltaListener onDelta);

    /** Asks for a whole answer at once. */
    ModelResult complete(ModelRequest request);

    /**
     * One cheap authenticated call (listing models): whether the endpoint, the key and the configured model work,
     * and the model's shutdown date when the endpoint lists one.
     */
    ModelCheck check();

    /** Receives streamed text. */
    @FunctionalInterface
    interface DeltaListener {
        void onDelta(String text);
    }
}
