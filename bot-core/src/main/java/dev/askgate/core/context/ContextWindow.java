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
import java.util.Optional;

/**
 * Fits a conversation into the model's context budget, counted with a real tokenizer (jtokkit).
 *
 * <p>The budget for the messages is {@code contextTokens} minus the room reserved for the answer:
 * {@code maxOutputTokens} when set, else a quarter of the context (at most {@value #DEFAULT_RESERVE_CAP}).
 * Messages are counted as OpenAI's counting recipe does: each message costs its role and content plus
 * {@value #TOKENS_PER_MESSAGE} tokens of framing, and the reply is primed with
 * {@value #TOKENS_FOR_REPLY_PRIMING} more.
 *
 * <p>The encoding loads at the first exact count, not here, and most processes never need one: its vocabulary is
 * about 26 MiB of live heap. A text never has more tokens than UTF-8 bytes (every token is at least one byte), so
 * {@link #tooLong}, {@link #leavesRoom} and {@link #fit} answer from the byte length alone when it fits, and count
 * only when it does not; {@link #counted} counts a fit exactly where a bound would not do.
 */
public final class ContextWindow {
    static final int TOKENS_PER_MESSAGE = 3;
    static final int TOKENS_FOR_REPLY_PRIMING = 3;
    static final int DEFAULT_RESERVE_CAP = 4096;

    /** The messages to send, or why they cannot be sent. */
    public sealed interface Fit {
        /**
         * System prompt (if any), the kept history, then the question; {@code dropped} turns were cut. The messages'
         * {@code tokens} are counted with the tokenizer when {@code exact}, else the byte bound that let them all
         * through: at least the exact count, so a reservation or an output cap made from it still holds.
         */
        record Fits(List<Turn> messages, int tokens, int dropped, boolean exact) implements Fit {
            public Fits {
                messages = List.copyOf(messages);
            }
        }

        /** The question alone (with the system prompt) exceeds the budget. */
        record TooLong(int tokens, int limit) implements Fit { }
    }

    private final LazyEncoding encoding;
    private final int limit;

    /**
     * @param registry the application's one encoding registry (loading encodings is expensive; share it); asked
     *                 for the model's encoding at the first exact count
     */
    public ContextWindow(String model, int contextTokens, int maxOutputTokens, EncodingRegistry registry) {
        this(model, contextTokens, maxOutputTokens, lazily(model, Objects.requireNonNull(registry, "registry")));
    }

    ContextWindow(String model, int contextTokens, int maxOutputTokens, LazyEncoding encoding) {
        Objects.requireNonNull(model, "model");
        if (contextTokens <= 0) throw new IllegalArgumentException("contextTokens must be positive");
        if (maxOutputTokens < 0) throw new IllegalArgumentException("maxOutputTokens < 0");
        int reserve = maxOutputTokens > 0 ? maxOutputTokens : Math.min(DEFAULT_RESERVE_CAP, contextTokens / 4);
        if (reserve >= contextTokens) {
            throw new IllegalArgumentException("maxOutputTokens (" + maxOutputTokens
                    + ") leaves no room for the question in contextTokens (" + contextTokens + ")");
        }
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        this.limit = contextTokens - reserve;
    }

    public ContextWindow(ChatConfig settings, EncodingRegistry registry) {
        this(settings.model(), settings.contextTokens(), settings.maxOutputTokens(), registry);
    }

    /** For a single window (the terminal, tests): creates its own registry, loading only the encoding it needs. */
    public ContextWindow(ChatConfig settings) {
        this(settings, Encodings.newLazyEncodingRegistry());
    }

    private static LazyEncoding lazily(String model, EncodingRegistry registry) {
        EncodingType type = encodingFor(model);
        return new LazyEncoding(type.getName(), () -> registry.getEncoding(type));
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
        Encoding exact = encoding.get();
        return TOKENS_PER_MESSAGE + exact.countTokensOrdinary(turn.role().wireName())
                + exact.countTokensOrdinary(turn.text());
    }

    /** At least {@link #count}, from the UTF-8 lengths alone: the tokenizer is not needed (nor loaded) for it. */
    private static long bound(Turn turn) {
        return TOKENS_PER_MESSAGE + utf8Length(turn.role().wireName()) + utf8Length(turn.text());
    }

    /** The tokens of a bare text (an answer), without message framing. */
    public int countText(String text) {
        return encoding.get().countTokensOrdinary(text);
    }

    /**
     * Whether the question with the system prompt alone exceeds the limit, as {@link #fit} would say with an empty
     * history; counted only when the byte bound cannot tell that it fits.
     */
    public Optional<Fit.TooLong> tooLong(String systemPrompt, String question) {
        Objects.requireNonNull(question, "question");
        Turn system = systemTurn(systemPrompt);
        Turn asked = Turn.user(question);
        if (fixedBound(system, asked) <= limit) return Optional.empty();
        int fixed = fixed(system, asked);
        return fixed > limit ? Optional.of(new Fit.TooLong(fixed, limit)) : Optional.empty();
    }

    /**
     * Whether the system prompt and the framing of an empty question leave at least {@code questionTokens} of the
     * limit; counted only when the byte bound cannot tell that they do.
     */
    public boolean leavesRoom(String systemPrompt, int questionTokens) {
        Turn system = systemTurn(systemPrompt);
        Turn asked = Turn.user("");
        return fixedBound(system, asked) + questionTokens <= limit || fixed(system, asked) + questionTokens <= limit;
    }

    /** Whether an exact count has loaded the encoding yet. */
    boolean encodingLoaded() {
        return encoding.isLoaded();
    }

    /**
     * Keeps the system prompt (when not blank) and the question always and as much of the history as fits,
     * dropping the oldest turns first. When the whole conversation's byte bound fits, everything is kept and
     * nothing is counted.
     */
    public Fit fit(String systemPrompt, Conversation history, String question) {
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(question, "question");
        Turn system = systemTurn(systemPrompt);
        Turn asked = Turn.user(question);
        List<Turn> turns = history.turns();
        long wholeBound = fixedBound(system, asked);
        for (Turn turn : turns) wholeBound += bound(turn);
        if (wholeBound <= limit) {
            return new Fit.Fits(messages(system, turns, asked), (int) wholeBound, 0, false);
        }
        int fixed = fixed(system, asked);
        if (fixed > limit) {
            return new Fit.TooLong(fixed, limit);
        }
        int total = fixed;
        int firstKept = turns.size();
        while (firstKept > 0) {
            int cost = count(turns.get(firstKept - 1));
            if (total + cost > limit) break;
            total += cost;
            firstKept--;
        }
        return new Fit.Fits(messages(system, turns.subList(firstKept, turns.size()), asked), total, firstKept, true);
    }

    /**
     * The same messages with their tokens counted, for what a bound would overstate: an estimate of a call's usage,
     * a budget the bound alone would refuse.
     */
    public Fit.Fits counted(Fit.Fits fits) {
        if (fits.exact()) return fits;
        int tokens = TOKENS_FOR_REPLY_PRIMING;
        for (Turn turn : fits.messages()) tokens += count(turn);
        return new Fit.Fits(fits.messages(), tokens, fits.dropped(), true);
    }

    private static List<Turn> messages(Turn system, List<Turn> kept, Turn asked) {
        List<Turn> messages = new ArrayList<>(kept.size() + 2);
        if (system != null) messages.add(system);
        messages.addAll(kept);
        messages.add(asked);
        return messages;
    }

    private static Turn systemTurn(String systemPrompt) {
        return systemPrompt == null || systemPrompt.isBlank() ? null : Turn.system(systemPrompt);
    }

    private int fixed(Turn system, Turn asked) {
        return TOKENS_FOR_REPLY_PRIMING + count(asked) + (system == null ? 0 : count(system));
    }

    private static long fixedBound(Turn system, Turn asked) {
        return TOKENS_FOR_REPLY_PRIMING + bound(asked) + (system == null ? 0 : bound(system));
    }

    /**
     * At least the UTF-8 length, without encoding the text: a surrogate pair is 4 bytes, counted 6 here so that a
     * lone surrogate (3 bytes in some encoders) is not undercounted either.
     */
    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return bytes;
    }
}
