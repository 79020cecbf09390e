package dev.askgate.core.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.askgate.core.Usage;
import dev.askgate.core.model.ChatModel.DeltaListener;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelResult;
import okhttp3.Response;
import okhttp3.sse.EventSource;
import okhttp3.sse.EventSourceListener;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Reads one streamed Chat Completions response on the calling thread: passes each content delta on, collects
 * finish reason and usage, and tells a complete stream (ended by {@code [DONE]}) from a broken or silent one.
 */
final class ChatStream extends EventSourceListener {
    private final SseChunkParser parser;
    private final OpenAiErrorMapper errors;
    private final DeltaListener onDelta;
    private final String model;
    private final String requestId;
    private final Duration timeout;
    private final StringBuilder text = new StringBuilder();
    private String finishReason = "";
    private String answeredModel = "";
    private Usage usage = Usage.NONE;
    private boolean done;
    private boolean deltasPassed;
    private Throwable failure;
    private ModelError streamError;
    private RuntimeException listenerFailure;

    ChatStream(SseChunkParser parser, OpenAiErrorMapper errors, DeltaListener onDelta, String model,
               String requestId, Duration timeout) {
        this.parser = parser;
        this.errors = errors;
        this.onDelta = onDelta;
        this.model = model;
        this.requestId = requestId;
        this.timeout = timeout;
    }

    @Override
    public void onEvent(EventSource source, String id, String type, String data) {
        if (done) return;
        if ("[DONE]".equals(data.strip())) {
            done = true;
            return;
        }
        SseChunkParser.Chunk chunk;
        try {
            chunk = parser.chunk(data);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a stream chunk is not JSON", e); // ends the stream as broken
        }
        if (chunk.error().isObject()) {
            streamError = errors.fromStreamError(chunk.error(), requestId, model);
            source.cancel();
            return;
        }
        if (!chunk.finishReason().isEmpty()) finishReason = chunk.finishReason();
        if (!chunk.model().isEmpty()) answeredModel = chunk.model();
        if (chunk.usage() != null) usage = chunk.usage();
        if (!chunk.text().isEmpty()) {
            text.append(chunk.text());
            deltasPassed = true;
            try {
                onDelta.onDelta(chunk.text());
            } catch (RuntimeException e) {
                listenerFailure = e;
                source.cancel();
            }
        }
    }

    @Override
    public void onFailure(EventSource source, Throwable t, Response response) {
        failure = t;
    }

    /** How the stream ended; rethrows what the delta listener threw. */
    Attempt result(Response response) {
        if (listenerFailure != null) throw listenerFailure;
        String partial = text.toString();
        if (streamError != null) {
            return new Attempt(new ModelResult.Failed(streamError, partial, usage), response.headers(), response.code(),
                    deltasPassed);
        }
        if (done) {
            return new Attempt(new ModelResult.Completed(partial, finishReason, usage,
                    answeredModel.isEmpty() ? model : answeredModel, requestId), response.headers(), response.code(),
                    deltasPassed);
        }
        ModelError error = failure instanceof IOException io
                && errors.fromException(io, timeout, requestId) instanceof ModelError.Timeout t
                ? t : new ModelError.StreamBroken(partial.length(), requestId);
        return new Attempt(new ModelResult.Failed(error, partial, usage), response.headers(), response.code(),
                deltasPassed);
    }
}
