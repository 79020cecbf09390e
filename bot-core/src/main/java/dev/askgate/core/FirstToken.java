package dev.askgate.core;

import dev.askgate.core.metrics.AskgateMetrics;
import dev.askgate.core.model.ChatModel;

import java.time.Duration;

/** Passes a stream's deltas on, and tells the metrics how long the first non-empty one took to come. */
final class FirstToken implements ChatModel.DeltaListener {
    private final AskgateMetrics metrics;
    private final ChatModel.DeltaListener next;
    private final long startNanos = System.nanoTime();
    private boolean seen;

    FirstToken(AskgateMetrics metrics, ChatModel.DeltaListener next) {
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void onDelta(String text) {
        if (!seen && !text.isEmpty()) {
            seen = true;
            metrics.firstToken(Duration.ofNanos(System.nanoTime() - startNanos));
        }
        next.onDelta(text);
    }
}
