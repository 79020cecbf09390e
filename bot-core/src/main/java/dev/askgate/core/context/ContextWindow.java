package dev.askgate.core.context;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.askgate.core.ChatConfig;
import dev.askgate.core.Conversation;
import dev.askgate.core.Turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Fits a conversation into the model's context budget, counted with a real tokenizer (jtokkit).
 *
 * <p>The budget for the messages is {@code contextTokens} minus the room reserved for the answer:
 * {@code maxOutputTokens} when set, else a quarter of the context (at most {@value #DEFAULT_RESERVE_CAP}).
 * Messages are counted as OpenAI's counting recipe does: each message costs its role and content plus
 * {@value #TOKENS_PER_MESSAGE} tokens of framing, and the reply is primed with
 * {@value #TOKENS_FOR_REPLY_PRIMING} more.
 */
public final class ContextWindow {
    static final int TOKENS_PER_MESSAGE = 3;
    static final int TOKENS_FOR_REPLY_PRIMING = 3;
    static final int DEFAULT_RESERVE_CAP = 4096;

    /** The messages to send, or why they cannot be sent. */
    public sealed interface Fit {
        /** System prompt (if any), the kept history, then the question; {@code dropped} turns were cut. */
        record Fits(List<Turn> messages, int tokens, int dropped) implements Fit {
            public Fits {
                messages = List.copyOf(messages);
            }
        }

        /** The question alone (with the system prompt) exceeds the budget. */
        record TooLong(int tokens, int limit) implements Fit { }
    }

    private final Encoding encoding;
    private final int limit;

    /**
     * @param registry the application's one encoding registry (loading encodings is expensive; share it)
     */
    public ContextWindow(String model, int contextTokens, int maxOutputTokens, EncodingRegistry registry) {
        Objects.requireNonNull(model, "model");
        if (contextTokens <= 0) throw new IllegalArgumentException("contextTokens must be positive");
        if (maxOutputTokens < 0) throw new IllegalArgumentException("maxOutputTokens < 0");
        int reserve = maxOutputTokens > 0 ? maxOutputTokens : Math.min(DEFAULT_RESERVE_CAP, contextTokens / 4);
        if (reserve >= contextTokens) {
            throw new IllegalArgumentException("maxOutputTokens (" + maxOutputTokens
                    + ") leaves no room for the question in contextTokens (" + contextTokens + ")");
        }
        this.encoding = Objects.requireNonNull(registry, "registry").getEncoding(encodingFor(model));
        this.limit = contextTokens - reserve;
    }

    public ContextWindow(ChatConfig settings, EncodingRegistry registry) {
        this(settings.model(), settings.contextTokens(), settings.maxOutputTokens(), registry);
    }

    /** For a single window (the terminal, tests): creates its own registry, loading only the encoding it needs. */
    public ContextWindow(ChatConfig settings) {
        this(settings, Encodings.newLazyEncodingRegistry());
    }

    /** o200k_base for the GPT-4o, GPT-4.1, GPT-5 and later and o-series families, cl100k_base for everything else. */
    public static EncodingType encodingFor(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        name = name.substring(name.lastIndexOf('/') + 1); // "openai/gpt-4o" on proxies such as LiteLLM
        boolean o200k = name.startsWith("gpt-4o") || name.startsWith("chatgpt-4o") || name.startsWith("gpt-4.1")
                || name.startsWith("gpt-4.5") || name.matches("gpt-[5-9].*") || name.startsWith("gpt-oss")
                || name.matches("o[1-9]\\b.*|o[1-9]-.*|o[1-9]");
        return o200k ? EncodingType.O200K_BASE : EncodingType.CL100K_BASE;
    }

    /** How many tokens the messages may use together. */
    public int limit() {
        return limit;
    }

    /** The tokens one message costs, framing included. */
    public int count(Turn turn) {
        // Ordinary counting: a user may type "<|endoftext|>", which is text here, not a control token.
        return TOKENS_PER_MESSAGE + encoding.countTokensOrdinary(turn.role().wireName())
                + encoding.countTokensOrdinary(turn.text());
    }

    /** The tokens of a bare text (an answer), without message framing. */
    public int countText(String text) {
        return encoding.countTokensOrdinary(text);
    }

    /**
     * Keeps the system prompt (when not blank) and the question always and as much of the history as fits,
     * dropping the oldest turns first.
     */
    public Fit fit(String systemPrompt, Conversation history, String question) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(question, "question");
        Turn system = systemPrompt == null || systemPrompt.isBlank() ? null : Turn.system(systemPrompt);
        Turn asked = Turn.user(question);
        int fixed = TOKENS_FOR_REPLY_PRIMING + count(asked) + (system == null ? 0 : count(system));
        if (fixed > limit) {
            return new Fit.TooLong(fixed, limit);
        }
        List<Turn> turns = history.turns();
        int total = fixed;
        int firstKept = turns.size();
        while (firstKept > 0) {
            int cost = count(turns.get(firstKept - 1));
            if (total + cost > limit) break;
            total += cost;
            firstKept--;
        }
        List<Turn> messages = new ArrayList<>(turns.size() - firstKept + 2);
        if (system != null) messages.add(system);
        messages.addAll(turns.subList(firstKept, turns.size()));
        messages.add(asked);
        return new Fit.Fits(messages, total, firstKept);
    }
}
