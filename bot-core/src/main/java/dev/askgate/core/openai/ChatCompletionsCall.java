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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * One HTTP attempt against the API, read on the calling thread: a streamed or whole chat completion, or the
 * models list. Retrying is the caller's business; this only says how the attempt ended.
 */
final class ChatCompletionsCall {
    private static final Logger log = LoggerFactory.getLogger(ChatCompletionsCall.class);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final OkHttpClient client;
    private final SseChunkParser parser;
    private final OpenAiErrorMapper errors;
    private final KeyRejectionReporter rejections;
    private final Clock clock;
    private final Timeouts timeouts;

    ChatCompletionsCall(OkHttpClient client, SseChunkParser parser, OpenAiErrorMapper errors,
                        KeyRejectionReporter rejections, Clock clock, Timeouts timeouts) {
        this.client = client;
        this.parser = parser;
        this.errors = errors;
        this.rejections = rejections;
        this.clock = clock;
        this.timeouts = timeouts;
    }

    /** A streamed completion; what {@code onDelta} throws is rethrown, anything else ends as a failure. */
    Attempt stream(Request http, String model, DeltaListener onDelta) {
        String requestId = "";
        try (Response response = client.newCall(http).execute()) {
            requestId = response.header("x-request-id", "");
            if (!response.isSuccessful()) return failure(response, model);
            if (!isEventStream(response)) {
                // Some compatible servers answer a streamed request whole; pass the text on as one delta.
                Attempt whole = completion(response, requestId, model);
                if (whole.result() instanceof ModelResult.Completed c && !c.text().isEmpty()) {
                    try {
                        onDelta.onDelta(c.text());
                    } catch (RuntimeException e) {
                        throw new ChatStream.ListenerFailed(e);
                    }
                }
                return whole;
            }
            ChatStream stream = new ChatStream(parser, errors, onDelta, model, requestId, timeouts);
            EventSources.processResponse(response, stream);
            return stream.result(response);
        } catch (IOException e) {
            return Attempt.failed(errors.fromException(e, timeouts, requestId));
        } catch (ChatStream.ListenerFailed e) {
            throw e.original();
        } catch (RuntimeException e) {
            return Attempt.failed(unexpected(e, http));
        }
    }

    Attempt complete(Request http, String model) {
        String requestId = "";
        try (Response response = client.newCall(http).execute()) {
            requestId = response.header("x-request-id", "");
            if (!response.isSuccessful()) return failure(response, model);
            return completion(response, requestId, model);
        } catch (IOException e) {
            return Attempt.failed(errors.fromException(e, timeouts, requestId));
        } catch (RuntimeException e) {
            return Attempt.failed(unexpected(e, http));
        }
    }

    /** A GET that only has to succeed; empty when it did. */
    Optional<ModelError> probe(Request http, String model) {
        try (Response response = client.newCall(http).execute()) {
            if (!response.isSuccessful()) return Optional.of(errorOf(response, model));
            return listsOtherModelsOnly(response.body().string(), model)
                    ? Optional.of(new ModelError.ModelNotFound(model, response.header("x-request-id", "")))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.of(errors.fromException(e, timeouts, ""));
        } catch (RuntimeException e) {
            return Optional.of(unexpected(e, http));
        }
    }

    /** Logged with its class and where it was thrown, not its message: that may quote a header with the key. */
    private ModelError unexpected(RuntimeException e, Request http) {
        StackTraceElement[] trace = e.getStackTrace();
        log.error("{} {} failed in the client before an answer: {} at {}", http.method(), http.url().encodedPath(),
                e.getClass().getName(), trace.length == 0 ? "unknown place" : trace[0]);
        return errors.unexpected(e);
    }

    /** True only for a readable, non-empty models list without {@code model}: the key cannot use that model. */
    private boolean listsOtherModelsOnly(String body, String model) {
        try {
            var ids = parser.modelIds(body);
            return !ids.isEmpty() && !ids.contains(model);
        } catch (JsonProcessingException e) {
            return false;
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
        return new Attempt(new ModelResult.Failed(errorOf(response, model)), response.headers(), response.code(),
                false);
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
