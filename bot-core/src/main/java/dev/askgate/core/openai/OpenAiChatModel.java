package dev.askgate.core.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.key.KeyGeneration;
import dev.askgate.core.key.KeySource;
import dev.askgate.core.model.ChatModel;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelRequest;
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
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@link ChatModel} over OpenAI's Chat Completions API (or a compatible server): streamed with SSE or whole,
 * errors sorted into {@link ModelError} categories, retried as {@link RetryPolicy} says. The key is added by
 * {@link ApiKeyInterceptor} on this model's own client, derived from the shared one.
 */
public final class OpenAiChatModel implements ChatModel {
    private static final Logger log = LoggerFactory.getLogger(OpenAiChatModel.class);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final OkHttpClient client;
    private final OpenAiConfig config;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ChatCompletionsBody bodies;
    private final SseChunkParser parser;
    private final OpenAiErrorMapper errors;
    private final RetryPolicy retries;
    private final KeyRejectionReporter rejections = new KeyRejectionReporter();

    public OpenAiChatModel(OkHttpClient shared, ObjectMapper json, OpenAiConfig config, KeySource keys) {
        this(shared, json, config, keys, Clock.systemUTC(), Sleeper.real());
    }

    /** @param clock for {@code Retry-After} dates; @param sleeper waits between retries */
    public OpenAiChatModel(OkHttpClient shared, ObjectMapper json, OpenAiConfig config, KeySource keys, Clock clock,
                           Sleeper sleeper) {
        Objects.requireNonNull(json, "json");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(keys, "keys");
        // Our retries are counted and logged; OkHttp's silent ones would hide requests from both.
        this.client = shared.newBuilder()
                .addInterceptor(new ApiKeyInterceptor(keys, config.orgId(), config.projectId()))
                .connectTimeout(config.timeout())
                .readTimeout(config.timeout())
                .writeTimeout(config.timeout())
                .callTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false)
                .build();
        this.bodies = new ChatCompletionsBody(json);
        this.parser = new SseChunkParser(json);
        this.errors = new OpenAiErrorMapper(json, keys);
        this.retries = new RetryPolicy(config.maxRetries(), clock, () -> ThreadLocalRandom.current().nextDouble());
        warnIfKeyTravelsUnencrypted(config);
    }

    @Override
    public ModelResult stream(ModelRequest request, DeltaListener onDelta) {
        Objects.requireNonNull(onDelta, "onDelta");
        return withRetries(request, true, onDelta);
    }

    @Override
    public ModelResult complete(ModelRequest request) {
        return withRetries(request, false, text -> { });
    }

    @Override
    public Optional<ModelError> check() {
        Request http = new Request.Builder().url(config.endpoint("/models")).get().build();
        try (Response response = client.newCall(http).execute()) {
            if (response.isSuccessful()) return Optional.empty();
            ModelError error = errorOf(response, config.model());
            log.warn("OpenAI check of {} failed: {}", config.baseUrl(), error);
            return Optional.of(error);
        } catch (IOException e) {
            ModelError error = errors.fromException(e, config.timeout(), "");
            log.warn("OpenAI check of {} failed: {}", config.baseUrl(), error);
            return Optional.of(error);
        }
    }

    private ModelResult withRetries(ModelRequest request, boolean streaming, DeltaListener onDelta) {
        Request http = new Request.Builder().url(config.endpoint("/chat/completions"))
                .post(bodies.write(request, streaming)).build();
        log.debug("request={} chat completion: model={}, {} messages, stream={}", request.requestId(),
                request.model(), request.messages().size(), streaming);
        for (int retriesDone = 0; ; retriesDone++) {
            Attempt attempt = streaming ? streamOnce(http, request, onDelta) : completeOnce(http, request);
            if (attempt.completed()) {
                log.debug("request={} completed: {}", request.requestId(), attempt.result());
                return attempt.result();
            }
            ModelResult.Failed failed = (ModelResult.Failed) attempt.result();
            Optional<Duration> delay = retries.next(retriesDone, failed.error(), attempt.headers(),
                    attempt.deltasPassed());
            if (delay.isEmpty()) {
                log.warn("request={} OpenAI call failed after {} retries: {}", request.requestId(), retriesDone,
                        failed.error());
                return failed;
            }
            log.warn("request={} OpenAI call failed (status {}, x-request-id {}, {}); retry {} of {} in {} ms",
                    request.requestId(), attempt.status(), failed.error().upstreamRequestId(),
                    failed.error().getClass().getSimpleName(), retriesDone + 1, config.maxRetries(),
                    delay.get().toMillis());
            try {
                sleeper.sleep(delay.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed;
            }
        }
    }

    private Attempt streamOnce(Request http, ModelRequest request, DeltaListener onDelta) {
        String requestId = "";
        try (Response response = client.newCall(http).execute()) {
            requestId = response.header("x-request-id", "");
            if (!response.isSuccessful()) return failure(response, request.model());
            if (!isEventStream(response)) {
                // Some compatible servers answer a streamed request whole; pass the text on as one delta.
                Attempt whole = completion(response, requestId, request.model());
                if (whole.result() instanceof ModelResult.Completed c && !c.text().isEmpty()) onDelta.onDelta(c.text());
                return whole;
            }
            ChatStream stream = new ChatStream(parser, errors, onDelta, request.model(), requestId, config.timeout());
            EventSources.processResponse(response, stream);
            return stream.result(response);
        } catch (IOException e) {
            return Attempt.failed(errors.fromException(e, config.timeout(), requestId));
        }
    }

    private Attempt completeOnce(Request http, ModelRequest request) {
        String requestId = "";
        try (Response response = client.newCall(http).execute()) {
            requestId = response.header("x-request-id", "");
            if (!response.isSuccessful()) return failure(response, request.model());
            return completion(response, requestId, request.model());
        } catch (IOException e) {
            return Attempt.failed(errors.fromException(e, config.timeout(), requestId));
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
        ModelError error = errorOf(response, model);
        return new Attempt(new ModelResult.Failed(error), response.headers(), response.code(), false);
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

    private static void warnIfKeyTravelsUnencrypted(OpenAiConfig config) {
        String host = config.baseUrl().getHost();
        boolean local = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        if ("http".equals(config.baseUrl().getScheme()) && !local) {
            log.warn("OPENAI_BASE_URL {} uses plain http to another host: the API key travels unencrypted",
                    config.baseUrl());
        }
    }

    @Override
    public String toString() {
        return "OpenAiChatModel[" + config.baseUrl() + ", model=" + config.model() + "]";
    }
}
