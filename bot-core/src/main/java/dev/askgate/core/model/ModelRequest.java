package dev.askgate.core.model;

import dev.askgate.core.Turn;

import java.util.List;
import java.util.Objects;

/**
 * One call to the model: which model, the messages in order, an optional cap on output tokens (0 means the
 * model's default) and the reasoning effort to ask for. The request id is Askgate's (see
 * {@link dev.askgate.core.RequestId}): in the logs, and sent upstream as {@code X-Client-Request-Id} when it is a
 * safe header value.
 */
public record ModelRequest(String requestId, String model, List<Turn> messages, int maxOutputTokens,
                           ReasoningEffort reasoningEffort) {
    public ModelRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) throw new IllegalArgumentException("model is blank");
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) throw new IllegalArgumentException("messages are empty");
        if (maxOutputTokens < 0) throw new IllegalArgumentException("maxOutputTokens < 0");
        Objects.requireNonNull(reasoningEffort, "reasoningEffort");
    }

    public ModelRequest(String requestId, String model, List<Turn> messages, int maxOutputTokens) {
        this(requestId, model, messages, maxOutputTokens, ReasoningEffort.ENDPOINT_DEFAULT);
    }

    public ModelRequest(String requestId, String model, List<Turn> messages) {
        this(requestId, model, messages, 0);
    }
}
