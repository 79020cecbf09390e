package dev.askgate.core;

/**
 * Tokens one model call used. {@code cachedTokens} and {@code cacheWriteTokens} are parts of
 * {@code promptTokens}; {@code reasoningTokens} is part of {@code completionTokens} (billed as output).
 * {@code estimated} marks counts Askgate made itself (with the tokenizer) because the endpoint reported none,
 * as when a stream breaks before its usage chunk: spend is never recorded as zero for text that was produced.
 */
public record Usage(int promptTokens, int cachedTokens, int cacheWriteTokens, int completionTokens,
                    int reasoningTokens, boolean estimated) {
    public static final Usage NONE = new Usage(0, 0, 0, 0, 0, false);

    public Usage {
        if (promptTokens < 0 || cachedTokens < 0 || cacheWriteTokens < 0 || completionTokens < 0
                || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** Reported usage without cache writes or reasoning. */
    public Usage(int promptTokens, int cachedTokens, int completionTokens) {
        this(promptTokens, cachedTokens, 0, completionTokens, 0, false);
    }

    /** Counts made with the tokenizer: no cache or reasoning details can be known. */
    public static Usage estimated(int promptTokens, int completionTokens) {
        return new Usage(promptTokens, 0, 0, completionTokens, 0, true);
    }

    /** True when the endpoint reported nothing (or nothing was counted). */
    public boolean isEmpty() {
        return promptTokens == 0 && completionTokens == 0;
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }

    public Usage plus(Usage other) {
        return new Usage(promptTokens + other.promptTokens, cachedTokens + other.cachedTokens,
                cacheWriteTokens + other.cacheWriteTokens, completionTokens + other.completionTokens,
                reasoningTokens + other.reasoningTokens, estimated || other.estimated);
    }

    /** For log lines: {@code prompt=12 cached=0 completion=40}, with reasoning, cache writes and "estimated" when any. */
    public String summary() {
        StringBuilder line = new StringBuilder("prompt=").append(promptTokens).append(" cached=").append(cachedTokens);
        if (cacheWriteTokens > 0) line.append(" cache_write=").append(cacheWriteTokens);
        line.append(" completion=").append(completionTokens);
        if (reasoningTokens > 0) line.append(" reasoning=").append(reasoningTokens);
        if (estimated) line.append(" (estimated)");
        return line.toString();
    }
}
