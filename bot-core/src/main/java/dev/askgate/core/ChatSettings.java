package dev.askgate.core;

import java.util.Objects;

/**
 * How questions are answered: the model, the system prompt, how many tokens of context a call may carry
 * (system prompt, history and question together) and how many the answer may use (0: the model's default).
 */
public record ChatSettings(String model, String systemPrompt, int contextTokens, int maxOutputTokens) {
    public static final String DEFAULT_SYSTEM_PROMPT = "You are Askgate, a helpful assistant in a team chat. "
            + "Answer concisely and use Markdown for code.";

    public ChatSettings {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) throw new IllegalArgumentException("model is blank");
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        if (contextTokens < 256) throw new IllegalArgumentException("contextTokens < 256");
        if (maxOutputTokens < 0) throw new IllegalArgumentException("maxOutputTokens < 0");
    }
}
