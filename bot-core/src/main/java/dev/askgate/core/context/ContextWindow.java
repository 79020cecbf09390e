package dev.askgate.core.context;

import dev.askgate.core.Conversation;
import dev.askgate.core.Turn;

import java.util.List;

/** Fits a conversation into the model's context budget, counted with a real tokenizer. */
public final class ContextWindow {

    /** The messages to send, or why they cannot be sent. */
    public sealed interface Fit {
        /** System prompt (if any), the kept history, then the question; {@code dropped} turns were cut. */
        record Fits(List<Turn> messages, int tokens, int dropped) implements Fit { }

        /** The question alone (with the system prompt) exceeds the budget. */
        record TooLong(int tokens, int limit) implements Fit { }
    }

    public Fit fit(String systemPrompt, Conversation history, String question) {
        throw new UnsupportedOperationException("TODO(H2)");
    }
}
