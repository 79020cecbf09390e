package dev.askgate.core;

/** Tokens one model call used, as the model reported them. */
public record Usage(int promptTokens, int cachedTokens, int completionTokens) {
    public static final Usage NONE = new Usage(0, 0, 0);

    public Usage {
        if (promptTokens < 0 || cachedTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }

    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, cachedTokens + other.cachedTokens,
                completionTokens + other.completionTokens);
    }
}
