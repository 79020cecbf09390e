package dev.askgate.testkit.openai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted successful answer: its text split into deltas, timing, usage and ways to break the stream.
 * Served as SSE when the request says {@code "stream": true}, else as one JSON completion. Immutable; each
 * method returns a changed copy, so {@code answer("Hi there").streamedInChars().firstTokenAfter(ofSeconds(2))}.
 *
 * @param promptTokens     -1: estimated from the request's messages
 * @param completionTokens -1: the number of deltas
 * @param cutAfterDeltas   -1: never cut; otherwise the connection breaks after that many content deltas
 *                         (or, with a {@code streamError}, the error event follows them)
 * @param streamError      null, or an {@code error} event sent inside the 200 stream after {@code cutAfterDeltas}
 * @param cacheWriteTokens {@code prompt_tokens_details.cache_write_tokens}; 0 leaves the field out, as OpenAI does
 *                         for calls that wrote no cache
 * @param reasoningTokens  {@code completion_tokens_details.reasoning_tokens} (part of the completion tokens)
 * @param omitsUsage       no usage at all, whatever the request asks, as some compatible servers answer
 */
public record FakeAnswer(List<String> deltas, String finishReason, int promptTokens, int completionTokens,
                         int cachedTokens, Duration firstTokenDelay, Duration tokenDelay, int cutAfterDeltas,
                         boolean endsWithoutDone, String model, Map<String, String> headers, FakeError streamError,
                         int cacheWriteTokens, int reasoningTokens, boolean omitsUsage)
        implements FakeReply {

    private static final Pattern WORD = Pattern.compile("\\s*\\S+|\\s+");

    public FakeAnswer {
        deltas = List.copyOf(deltas);
        Objects.requireNonNull(finishReason, "finishReason");
        Objects.requireNonNull(firstTokenDelay, "firstTokenDelay");
        Objects.requireNonNull(tokenDelay, "tokenDelay");
        Objects.requireNonNull(model, "model");
        headers = Map.copyOf(headers);
        if (cachedTokens < 0 || cacheWriteTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative");
        }
    }

    /** An answer with {@code text} streamed word by word (each word with the space before it). */
    public static FakeAnswer of(String text) {
        return new FakeAnswer(words(text), "stop", -1, -1, 0, Duration.ZERO, Duration.ZERO, -1, false, "",
                Map.of(), null, 0, 0, false);
    }

    /** The whole text, as the client should assemble it. */
    public String text() {
        return String.join("", deltas);
    }

    public FakeAnswer streamedInWords() {
        return withDeltas(words(text()));
    }

    /** One delta per character (code point): many small deltas. */
    public FakeAnswer streamedInChars() {
        return withDeltas(text().codePoints().mapToObj(Character::toString).toList());
    }

    public FakeAnswer streamedInChunksOf(int chars) {
        if (chars < 1) throw new IllegalArgumentException("chars < 1");
        String text = text();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < text.length(); i += chars) parts.add(text.substring(i, Math.min(text.length(), i + chars)));
        return withDeltas(parts);
    }

    /** Exactly these deltas, in order. */
    public FakeAnswer streamedAs(String... deltas) {
        return withDeltas(List.of(deltas));
    }

    public FakeAnswer finishReason(String reason) {
        return new FakeAnswer(deltas, reason, promptTokens, completionTokens, cachedTokens, firstTokenDelay,
                tokenDelay, cutAfterDeltas, endsWithoutDone, model, headers, streamError,
                cacheWriteTokens, reasoningTokens, omitsUsage);
    }

    public FakeAnswer usage(int prompt, int completion) {
        return new FakeAnswer(deltas, finishReason, prompt, completion, cachedTokens, firstTokenDelay, tokenDelay,
                cutAfterDeltas, endsWithoutDone, model, headers, streamError,
                cacheWriteTokens, reasoningTokens, omitsUsage);
    }

    public FakeAnswer usage(int prompt, int cached, int completion) {
        return new FakeAnswer(deltas, finishReason, prompt, completion, cached, firstTokenDelay, tokenDelay,
                cutAfterDeltas, endsWithoutDone, model, headers, streamError,
                cacheWriteTokens, reasoningTokens, omitsUsage);
    }

    /**
     * The usage chunk also reports cache writes (part of the prompt) and reasoning (part of the completion), as the
     * newest models do.
     */
    public FakeAnswer usageDetails(int cacheWrite, int reasoning) {
        return new FakeAnswer(deltas, finishReason, promptTokens, completionTokens, cachedTokens, firstTokenDelay,
                tokenDelay, cutAfterDeltas, endsWithoutDone, model, headers, streamError, cacheWrite, reasoning,
                omitsUsage);
    }

    /** No usage chunk and no usage object, as from a compatible server that ignores {@code include_usage}. */
    public FakeAnswer withoutUsage() {
        return new FakeAnswer(deltas, finishReason, promptTokens, completionTokens, cachedTokens, firstTokenDelay,
                tokenDelay, cutAfterDeltas, endsWithoutDone, model, headers, streamError, cacheWriteTokens,
                reasoningTokens, true);
    }

    /** Headers arrive at once, the first delta after {@code delay} (a slow model, or a silent stream). */
    public FakeAnswer firstTokenAfter(Duration delay) {
        return new FakeAnswer(deltas, finishReason, promptTokens, completionTokens, cachedTokens, delay, tokenDelay,
                cutAfterDeltas, endsWithoutDone, model, headers, streamError,
                cacheWriteTokens, reasoningTokens, omitsUsage);
    }

    /** A pause before every delta after the first (benchmarks: a fixed generation speed). */
    public FakeAnswer perTokenDelay(Duration delay) {
        return new FakeAnswer(deltas, finishReason, promptTokens, completionTokens, cachedTokens, firstTokenDelay,
                delay, cutAfterDeltas, endsWithoutDone, model, headers, streamError,
                cacheWriteTokens, reasoningTokens, omitsUsage);
    }

    /** After {@code n} content deltas the connection is closed: no finish reason, no usage, no [DONE]. */
    public FakeAnswer cutAfter(int n) {
        if (n < 0) throw new IllegalArgumentException("n < 0");
        return new FakeAnswer(deltas, finishReason, promptTokens, completionTokens, cachedTokens, firstTokenDelay,
                tokenDelay, n, endsWithoutDone, model, headers, null, cacheWriteTokens, reasoningTokens, omitsUsage);
    }

    /** The HTTP response ends cleanly but the {@code data: [DONE]} line is missing. */
    public FakeAnswer withoutDone() {
        return new FakeAnswer(deltas, finishReason, promptTokens, completionTokens, cachedTokens, firstTokenDelay,
                tokenDelay, cutAfterDeltas, true, model, headers, streamError,
                cacheWriteTokens, reasoningTokens, omitsUsage);
    }

    /**
     * After {@code n} content deltas the stream carries {@code data: {"error": ...}} and ends without [DONE], as
     * OpenAI does when generation fails midway.
     */
    public FakeAnswer failsAfter(int n, FakeError error) {
        if (n < 0) throw new IllegalArgumentException("n < 0");
        return new FakeAnswer(deltas, finishReason, promptTokens, completionTokens, cachedTokens, firstTokenDelay,
                tokenDelay, n, endsWithoutDone, model, headers, Objects.requireNonNull(error, "error"), cacheWriteTokens, reasoningTokens, omitsUsage);
    }

    /** The model name reported in the answer (default: the requested model). */
    public FakeAnswer model(String name) {
        return new FakeAnswer(deltas, finishReason, promptTokens, completionTokens, cachedTokens, firstTokenDelay,
                tokenDelay, cutAfterDeltas, endsWithoutDone, name, headers, streamError,
                cacheWriteTokens, reasoningTokens, omitsUsage);
    }

    public FakeAnswer header(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(headers);
        next.put(name, value);
        return new FakeAnswer(deltas, finishReason, promptTokens, completionTokens, cachedTokens, firstTokenDelay,
                tokenDelay, cutAfterDeltas, endsWithoutDone, model, next, streamError,
                cacheWriteTokens, reasoningTokens, omitsUsage);
    }

    private FakeAnswer withDeltas(List<String> next) {
        return new FakeAnswer(next, finishReason, promptTokens, completionTokens, cachedTokens, firstTokenDelay,
                tokenDelay, cutAfterDeltas, endsWithoutDone, model, headers, streamError,
                cacheWriteTokens, reasoningTokens, omitsUsage);
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    @Override
    public String toString() {
        return "FakeAnswer[" + deltas.size() + " deltas, " + text().length() + " chars, cutAfter=" + cutAfterDeltas + "]";
    }
}
