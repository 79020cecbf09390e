package dev.askgate.core;

import dev.askgate.core.model.ReasoningEffort;

import java.util.Objects;

/**
 * How questions are answered: the model, the system prompt, how many tokens of context a call may carry
 * (system prompt, history and question together), how many the answer may use (0: the model's default) and the
 * reasoning effort asked of the model.
 */
public record ChatConfig(String model, String systemPrompt, int contextTokens, int maxOutputTokens,
                           ReasoningEffort reasoningEffort) {
    public static final String DEFAULT_SYSTEM_PROMPT = "You are Askgate, a helpful assistant in a team chat. "
            + "Answer concisely and use Markdown for code.";

    public ChatConfig {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) throw new IllegalArgumentException("model is blank");
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        if (contextTokens < 256) throw new IllegalArgumentException("contextTokens < 256");
        if (maxOutputTokens < 0) throw new IllegalArgumentException("maxOutputTokens < 0");
        Objects.requireNonNull(reasoningEffort, "reasoningEffort");
    }

    /** With the endpoint's own reasoning effort (no {@code reasoning_effort} sent). */
    public ChatConfig(String model, String systemPrompt, int contextTokens, int maxOutputTokens) {
        this(model, systemPrompt, contextTokens, maxOutputTokens, ReasoningEffort.ENDPOINT_DEFAULT);
    }
}
