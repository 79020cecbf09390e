package dev.askgate.core;

import java.util.Objects;

/**
 * A reply sink that remembers what it threw, so that {@link ChatService} can tell a failure of the platform
 * side (the sink) from a failure of the model client when the exception surfaces from the model call.
 */
final class SinkWatch implements ReplySink {
    private final ReplySink sink;
    private volatile RuntimeException thrown;

    SinkWatch(ReplySink sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    @Override
    public void accepted() {
        try {
            sink.accepted();
        } catch (RuntimeException e) {
            thrown = e;
            throw e;
        }
    }

    @Override
    public void delta(String text) {
        try {
            sink.delta(text);
        } catch (RuntimeException e) {
            thrown = e;
            throw e;
        }
    }

    /** Whether {@code e} is what the sink threw. */
    boolean threw(RuntimeException e) {
        return thrown == e;
    }
}
