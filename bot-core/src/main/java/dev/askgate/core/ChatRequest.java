package dev.askgate.core;

import java.util.Objects;

/**
 * A question to answer: who asks, what, and the conversation it continues.
 * The request id ties together every log line and upstream call made for it.
 */
public record ChatRequest(String requestId, Caller caller, Conversation history, String question) {
    public ChatRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(caller, "caller");
        history = history == null ? Conversation.empty() : history;
        Objects.requireNonNull(question, "question");
    }

    @Override
    public String toString() {
        return "ChatRequest[" + requestId + ", " + caller + ", " + history.turns().size() + " turns, "
                + question.length() + " chars]";
    }
}
