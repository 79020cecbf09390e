package dev.askgate.core;

import java.util.Objects;

/**
 * A question to answer: who asks, what, the conversation it continues, and where the person is while asking.
 * The request id ties together every log line and upstream call made for it.
 *
 * @param situation one line about where the person asks from, told to the model after the system prompt (a Slack
 *                  assistant thread: the channel they are viewing); empty when there is nothing to say. It names a
 *                  place, never its content.
 */
public record ChatRequest(String requestId, Caller caller, Conversation history, String question, String situation) {
    public ChatRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(caller, "caller");
        history = history == null ? Conversation.empty() : history;
        Objects.requireNonNull(question, "question");
        situation = situation == null ? "" : situation.strip();
    }

    /** A question with nothing to say about where it is asked. */
    public ChatRequest(String requestId, Caller caller, Conversation history, String question) {
        this(requestId, caller, history, question, "");
    }

    /** The system prompt for this question: {@code systemPrompt}, followed by the situation line when there is one. */
    public String systemPromptFrom(String systemPrompt) {
        String base = systemPrompt == null ? "" : systemPrompt;
        if (situation.isEmpty()) return base;
        return base.isBlank() ? situation : base + "\n\n" + situation;
    }

    @Override
    public String toString() {
        return "ChatRequest[" + requestId + ", " + caller + ", " + history.turns().size() + " turns, "
                + question.length() + " chars" + (situation.isEmpty() ? "" : ", with a situation") + "]";
    }
}
