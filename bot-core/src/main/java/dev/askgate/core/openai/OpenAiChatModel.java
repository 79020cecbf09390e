package dev.askgate.core.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.RequestId;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.guard.ShownText;
import dev.askgate.core.key.KeySource;
import dev.askgate.core.metrics.AskgateMetrics;
import dev.askgate.core.model.ChatModel;
import dev.askgate.core.model.ModelCheck;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelRequest;
import dev.askgate.core.model.ModelResult;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    static final String CLIENT_REQUEST_ID = "X-Client-Request-Id";

    private final OpenAiConfig config;
    private final Sleeper sleeper;
    private final ChatCompletionsBody bodies;
    private final ChatCompletionsCall calls;
    private final RetryPolicy retries;
    private final CallSlots slots;
    /** Parsed once: building it from the base URL for every question was a few percent of a question's CPU. */
    private final HttpUrl chatCompletions;
    private final AskgateMetrics metrics;

    /** With the system clock and real waits between retries. */
    public OpenAiChatModel(OkHttpClient shared, ObjectMapper json, OpenAiConfig config, KeySource keys) {
        this(shared, json, config, keys, Clock.systemUTC(), Sleeper.real());
    }

    /**
     * @param shared  the application's client; this model derives its own with the key interceptor and timeouts
     * @param clock   reads {@code Retry-After} dates
     * @param sleeper waits between retries
     */
    public OpenAiChatModel(OkHttpClient shared, ObjectMapper json, OpenAiConfig config, KeySource keys, Clock clock,
                           Sleeper sleeper) {
        this(shared, json, config, keys, clock, sleeper, AskgateMetrics.none());
    }

    /** @param metrics counts each retry ({@code askgate_retries_total}) */
    public OpenAiChatModel(OkHttpClient shared, ObjectMapper json, OpenAiConfig config, KeySource keys, Clock clock,
                           Sleeper sleeper, AskgateMetrics metrics) {
        Objects.requireNonNull(json, "json");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.config = Objects.requireNonNull(config, "config");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(clock, "clock");
        Timeouts timeouts = Timeouts.of(config.timeout());
        // Our retries are counted and logged; OkHttp's silent ones would hide requests from both, and resend a
        // request whose response was lost. Only a request that failed on a stale pooled connection is sent again
        // at once (StaleConnectionRetry), and the readiness check's GET looks once more after a blip (CheckRetry).
        OkHttpClient client = shared.newBuilder()
                .addInterceptor(new ApiKeyInterceptor(keys, config.orgId(), config.projectId()))
                .addInterceptor(new CheckRetry())
                .addInterceptor(new StaleConnectionRetry())
                .addInterceptor(new ShownResponseHeaders(new ShownText(keys::appearsIn, new SecretGuard())))
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.silence())
                .writeTimeout(timeouts.silence())
                .callTimeout(Duration.ZERO)
                .retryOnConnectionFailure(false)
                .build();
        this.bodies = new ChatCompletionsBody(json);
        this.calls = new ChatCompletionsCall(client, new SseChunkParser(json), new OpenAiErrorMapper(json, keys),
                new KeyRejectionReporter(), clock, timeouts);
        this.retries = new RetryPolicy(config.maxRetries(), clock, () -> ThreadLocalRandom.current().nextDouble());
        this.slots = new CallSlots(config.callLimit());
        this.chatCompletions = HttpUrl.get(config.endpoint("/chat/completions"));
        warnIfKeyTravelsUnencrypted(config);
    }

    @Override
    public ModelResult stream(ModelRequest request, DeltaListener onDelta) {
        Objects.requireNonNull(onDelta, "onDelta");
        return slots.run(request.requestId(), () -> withRetries(request, true, onDelta));
    }

    @Override
    public ModelResult complete(ModelRequest request) {
        return slots.run(request.requestId(), () -> withRetries(request, false, text -> { }));
    }

    /** {@code GET {base}/models} with the key; not retried. */
    @Override
    public ModelCheck check() {
        Request http = new Request.Builder().url(config.endpoint("/models")).get().build();
        ModelCheck result = calls.probe(http, config.model());
        // The caller (check command, readiness watch) reports the outcome; a periodic check must not repeat it.
        log.debug("OpenAI check of {}: {}", config.redactedBaseUrl(), result);
        return result;
    }

    private ModelResult withRetries(ModelRequest request, boolean streaming, DeltaListener onDelta) {
        Request.Builder builder = new Request.Builder().url(chatCompletions)
                .post(bodies.write(request, streaming));
        // OpenAI logs the client's id next to its own x-request-id, so support can find the call from our logs.
        RequestId.parse(request.requestId()).ifPresent(id -> builder.header(CLIENT_REQUEST_ID, id.value()));
        Request http = builder.build();
        log.debug("request={} chat completion: model={}, {} messages, stream={}", request.requestId(),
                request.model(), request.messages().size(), streaming);
        int lost = 0; // earlier tries the endpoint billed without saying so; the caller charges their prompts
        for (int retriesDone = 0; ; retriesDone++) {
            Attempt attempt = streaming
                    ? calls.stream(http, request.model(), onDelta)
                    : calls.complete(http, request.model());
            if (attempt.completed()) {
                log.debug("request={} completed: {}", request.requestId(), attempt.result());
                return attempt.result().afterLostAttempts(lost);
            }
            ModelResult.Failed failed = (ModelResult.Failed) attempt.result();
            Optional<Duration> delay = retries.next(retriesDone, failed.error(), attempt.headers(),
                    attempt.deltasPassed());
            if (delay.isEmpty()) {
                logFailure(request, failed.error(), retriesDone);
                return failed.afterLostAttempts(lost);
            }
            if (failed.beganThenLost()) lost++;
            log.warn("request={} OpenAI call failed ({}, x-request-id {}, {}); retry {} of {} in {} ms",
                    request.requestId(), attempt.status() == 0 ? "no response" : "status " + attempt.status(),
                    failed.error().upstreamRequestId(), failed.error().getClass().getSimpleName(), retriesDone + 1,
                    config.maxRetries(), delay.get().toMillis());
            metrics.retried();
            try {
                sleeper.sleep(delay.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed.afterLostAttempts(lost - (failed.beganThenLost() ? 1 : 0));
            }
        }
    }

    private static void logFailure(ModelRequest request, ModelError error, int retriesDone) {
        String retries = retriesDone == 0 ? "" : " after " + retriesDone + (retriesDone == 1 ? " retry" : " retries");
        if (error instanceof ModelError.InvalidKey) {
            // KeyRejectionReporter tells the operator once per key; one line per question would drown that.
            log.debug("request={} OpenAI call failed{}: {}", request.requestId(), retries, error);
        } else {
            log.warn("request={} OpenAI call failed{}: {}", request.requestId(), retries, error);
        }
    }

    private static void warnIfKeyTravelsUnencrypted(OpenAiConfig config) {
        String host = config.baseUrl().getHost();
        boolean local = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        if ("http".equals(config.baseUrl().getScheme()) && !local) {
            log.warn("OPENAI_BASE_URL {} uses plain http to another host: the API key travels unencrypted",
                    config.redactedBaseUrl());
        }
    }

    @Override
    public String toString() {
        return "OpenAiChatModel[" + config.redactedBaseUrl() + ", model=" + config.model() + "]";
    }
}
