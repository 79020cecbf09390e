package dev.askgate.core.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.askgate.core.key.KeyGeneration;
import dev.askgate.core.model.ChatModel.DeltaListener;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelResult;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.sse.EventSources;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One HTTP attempt against the API, read on the calling thread: a streamed or whole chat completion, or the
 * models list. Retrying is the caller's business; this only says how the attempt ended.
 */
final class ChatCompletionsCall {
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final OkHttpClient client;
    private final SseChunkParser parser;
    private final OpenAiErrorMapper errors;
    private final KeyRejectionReporter rejections;
    private final Clock clock;
    private final Duration timeout;

    ChatCompletionsCall(OkHttpClient client, SseChunkParser parser, OpenAiErrorMapper errors,
                        KeyRejectionReporter rejections, Clock clock, Duration timeout) {
        this.client = client;
        this.parser = parser;
        this.errors = errors;
        this.rejections = rejections;
        this.clock = clock;
        this.timeout = timeout;
    }

    Attempt stream(Request http, String model, DeltaListener onDelta) {
        String requestId = "";
        try (Response response = client.newCall(http).execute()) {
            requestId = response.header("x-request-id", "");
            if (!response.isSuccessful()) return failure(response, model);
            if (!isEventStream(response)) {
                // Some compatible servers answer a streamed request whole; pass the text on as one delta.
                Attempt whole = completion(response, requestId, model);
                if (whole.result() instanceof ModelResult.Completed c && !c.text().isEmpty()) onDelta.onDelta(c.text());
                return whole;
            }
            ChatStream stream = new ChatStream(parser, errors, onDelta, model, requestId, timeout);
            EventSources.processResponse(response, stream);
            return stream.result(response);
        } catch (IOException e) {
            return Attempt.failed(errors.fromException(e, timeout, requestId));
        }
    }

    Attempt complete(Request http, String model) {
        String requestId = "";
        try (Response response = client.newCall(http).execute()) {
            requestId = response.header("x-request-id", "");
            if (!response.isSuccessful()) return failure(response, model);
            return completion(response, requestId, model);
        } catch (IOException e) {
            return Attempt.failed(errors.fromException(e, timeout, requestId));
        }
    }

    /** A GET that only has to succeed; empty when it did. */
    Optional<ModelError> probe(Request http, String model) {
        try (Response response = client.newCall(http).execute()) {
            return response.isSuccessful() ? Optional.empty() : Optional.of(errorOf(response, model));
        } catch (IOException e) {
            return Optional.of(errors.fromException(e, timeout, ""));
        }
    }

    private Attempt completion(Response response, String requestId, String model) throws IOException {
        String body = response.body().string();
        try {
            SseChunkParser.Completion c = parser.completion(body);
            return new Attempt(new ModelResult.Completed(c.text(), c.finishReason(), c.usage(),
                    c.model().isEmpty() ? model : c.model(), requestId), response.headers(), response.code(), false);
        } catch (JsonProcessingException e) {
            return new Attempt(new ModelResult.Failed(new ModelError.Upstream(response.code(), requestId)),
                    response.headers(), response.code(), false);
        }
    }

    private Attempt failure(Response response, String model) throws IOException {
        return new Attempt(new ModelResult.Failed(errorOf(response, model)), response.headers(), response.code(), false);
    }

    private ModelError errorOf(Response response, String model) throws IOException {
        String requestId = response.header("x-request-id", "");
        Duration retryAfter = RetryPolicy.serverDelay(response.headers(), clock).orElse(Duration.ZERO);
        ModelError error = errors.fromResponse(response.code(), response.peekBody(MAX_ERROR_BODY).string(),
                requestId, model, retryAfter);
        if (error instanceof ModelError.InvalidKey) {
            KeyGeneration key = response.request().tag(KeyGeneration.class);
            rejections.rejected(key == null ? new KeyGeneration(1, "unknown") : key, requestId);
        }
        return error;
    }

    private static boolean isEventStream(Response response) {
        MediaType type = response.body().contentType();
        return type != null && "text".equals(type.type()) && "event-stream".equals(type.subtype());
    }
}
