package dev.askgate.testkit.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.testkit.net.NoDelayServerSockets;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A fake OpenAI API on a real socket, speaking the Chat Completions wire ({@code POST /v1/chat/completions},
 * streamed or not, and {@code GET /v1/models}). Script it with {@link #enqueue}; when the queue is empty it
 * answers {@link #answerAlways}. It records every request for assertions.
 *
 * <pre>{@code
 * try (var fake = new FakeOpenAi()) {
 *     fake.enqueue(FakeOpenAi.error(503), FakeOpenAi.answer("Hello there").streamedInWords());
 *     // point OPENAI_BASE_URL at fake.baseUrl() ...
 *     assertThat(fake.requestCount()).isEqualTo(2);
 * }
 * }</pre>
 */
public final class FakeOpenAi implements AutoCloseable {
    private final ObjectMapper json = new ObjectMapper();
    private final Pause pause = new Pause();
    private final ReplyWriter writer = new ReplyWriter(json, pause);
    private final MockWebServer server = new MockWebServer();
    private final ConcurrentLinkedQueue<FakeReply> queue = new ConcurrentLinkedQueue<>();
    private volatile boolean echoKeyInRequestId;
    private volatile boolean dropReusedConnections;
    private final List<String> targets = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ChatGate gate = new ChatGate();
    private final java.util.concurrent.atomic.AtomicInteger droppedReused = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger failingModelChecks = new java.util.concurrent.atomic.AtomicInteger();
    private final RequestLog calls = new RequestLog(json);
    private volatile FakeReply fallback = FakeAnswer.of("This is the default answer of FakeOpenAi.");
    private volatile Set<String> acceptedKeys = Set.of();
    /** Today's catalogue, as OpenAI lists it: current models without an end, the ones being retired with theirs. */
    private volatile List<FakeModel> models = List.of(
            FakeModel.withoutShutdown("gpt-6-luna"), FakeModel.withoutShutdown("gpt-6.1-terra"),
            FakeModel.withoutShutdown("gpt-6.1-sol"), FakeModel.withoutShutdown("gpt-6-astra"),
            FakeModel.shutsDownOn("gpt-4.1-mini", LocalDate.of(2027, 1, 14)));

    /** Starts the fake on a free port of 127.0.0.1. */
    public FakeOpenAi() {
        server.setServerSocketFactory(new NoDelayServerSockets()); // no 40 ms Nagle stall per reused connection
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return respond(request);
            }
        });
        try {
            server.start(InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("FakeOpenAi could not start", e);
        }
    }

    // ---- scripting: what to answer

    /** A successful answer, streamed word by word; see {@link FakeAnswer} for timing and breakage. */
    public static FakeAnswer answer(String text) {
        return FakeAnswer.of(text);
    }

    /** The error the real API sends with this status (401 invalid_api_key, 429 rate_limit_exceeded, 503 ...). */
    public static FakeError error(int status) {
        return ErrorCatalog.forStatus(status);
    }

    public static FakeError invalidApiKey() { return ErrorCatalog.invalidApiKey(); }

    public static FakeError permissionDenied() { return ErrorCatalog.permissionDenied(); }

    public static FakeError modelNotFound() { return ErrorCatalog.modelNotFound(); }

    public static FakeError contextLengthExceeded() { return ErrorCatalog.contextLengthExceeded(); }

    /**
     * 429 {@code rate_limit_exceeded} with the {@code x-ratelimit-*} headers; add the delay with
     * {@link FakeError#retryAfter}, {@link FakeError#retryAfterSeconds} or {@link FakeError#retryAfterDate}.
     */
    public static FakeError rateLimited() { return ErrorCatalog.rateLimited(); }

    /** 429 {@code insufficient_quota}: billing, which clients must not retry. */
    public static FakeError insufficientQuota() { return ErrorCatalog.insufficientQuota(); }

    /** An answer that echoes the request's bearer key in {@code form}, streamed in chunks of {@code chunk} chars. */
    public static KeyEcho echoKey(KeyEcho.Form form, int chunk) { return new KeyEcho(form, chunk); }

    /**
     * The connection closes before any response byte. The drop is served on a new connection: a request that comes
     * on a reused one is first closed unrecorded, as by a server that had closed it while idle, which a client
     * rightly sends again at once; the drop then meets that new attempt.
     */
    public static FakeReply connectionDropped() { return new FakeReply.Disconnect(); }

    /** Answers the next chat requests with these replies, in order. */
    public FakeOpenAi enqueue(FakeReply... replies) {
        queue.addAll(Arrays.asList(replies));
        return this;
    }

    /** What to answer when the queue is empty. */
    public FakeOpenAi answerAlways(String text) {
        return replyAlways(FakeAnswer.of(text));
    }

    public FakeOpenAi replyAlways(FakeReply reply) {
        this.fallback = reply;
        return this;
    }

    /**
     * Every answer carries the request's {@code Authorization} value (the key) as its {@code x-request-id}, as a
     * misconfigured proxy or a hostile endpoint would.
     */
    public FakeOpenAi echoKeyInRequestId() {
        this.echoKeyInRequestId = true;
        return this;
    }

    /**
     * Behaves like a server whose idle timeout closed every kept-alive connection just as the client reused it:
     * a request arriving on a connection that already served one is neither recorded nor answered, its socket is
     * closed before any response byte. Requests on new connections are served as usual.
     */
    public FakeOpenAi dropReusedConnections() {
        this.dropReusedConnections = true;
        return this;
    }

    /**
     * Chat Completions requests that arrive from now on wait, unanswered and with their connection open, until
     * {@link #releaseChatRequests()} (or {@link #close()}): a slow model, to count how many calls a client opens.
     */
    public FakeOpenAi holdChatRequests() {
        gate.hold();
        return this;
    }

    /** Lets held Chat Completions requests (and later ones) be answered. */
    public FakeOpenAi releaseChatRequests() {
        gate.release();
        return this;
    }

    /** The most Chat Completions requests that were being served at the same moment. */
    public int maxConcurrentChatRequests() {
        return gate.maxInFlight();
    }

    /** The next {@code count} {@code GET /v1/models...} requests are answered 503, as in a short outage. */
    public FakeOpenAi failNextModelChecks(int count) {
        failingModelChecks.set(count);
        return this;
    }

    /** The request target (path and query, as sent) of every request recorded, in order. */
    public List<String> requestTargets() {
        return List.copyOf(targets);
    }

    /** How many requests {@link #dropReusedConnections} closed unanswered. */
    public int droppedReusedConnections() {
        return droppedReused.get();
    }

    /**
     * Only these bearer keys are valid; any other gets 401 {@code invalid_api_key} without taking a reply from
     * the queue. Without this call (or with no keys) any non-empty key is accepted; a missing one never is.
     */
    public FakeOpenAi acceptOnlyKeys(String... keys) {
        this.acceptedKeys = Set.of(keys);
        return this;
    }

    /** The model ids {@code GET /v1/models} lists, without {@code shutdown_date} (as compatible servers list them). */
    public FakeOpenAi models(String... ids) {
        return models(Arrays.stream(ids).map(FakeModel::listed).toArray(FakeModel[]::new));
    }

    /** The models {@code GET /v1/models} lists (and {@code GET /v1/models/{id}} answers), shutdown dates and all. */
    public FakeOpenAi models(FakeModel... listed) {
        this.models = List.of(listed);
        return this;
    }

    // ---- where it is

    /** {@code http://127.0.0.1:<port>/v1}, for {@code OPENAI_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getPort() + "/v1";
    }

    // ---- what it saw

    /** Every request so far, in arrival order. */
    public List<RecordedCall> requests() {
        return calls.all();
    }

    /** The Chat Completions requests so far, in arrival order. */
    public List<RecordedCall> chatRequests() {
        return calls.all().stream().filter(RecordedCall::isChatCompletion).toList();
    }

    public int requestCount() {
        return calls.size();
    }

    /** The most recent request; fails when there was none. */
    public RecordedCall lastRequest() {
        List<RecordedCall> all = calls.all();
        if (all.isEmpty()) throw new AssertionError("FakeOpenAi has received no request");
        return all.getLast();
    }

    /** The bearer key of every request, in order ("" when there was none). */
    public List<String> keysSeen() {
        return calls.all().stream().map(c -> c.bearerKey() == null ? "" : c.bearerKey()).toList();
    }

    /** The oldest request not yet taken, waiting up to {@code timeout}; fails when none arrives. */
    public RecordedCall takeRequest(Duration timeout) {
        return calls.take(timeout);
    }

    /** Waits until at least {@code count} requests have arrived; fails after {@code timeout}. */
    public void awaitRequests(int count, Duration timeout) {
        calls.await(count, timeout);
    }

    /** Forgets the queued replies and the recorded requests (between phases of a benchmark, say). */
    public void reset() {
        queue.clear();
        calls.clear();
    }

    /** Stops the server; pending scripted delays end at once. */
    @Override
    public void close() {
        pause.release();
        gate.release();
        server.close();
    }

    // ---- serving

    private MockResponse respond(RecordedRequest request) {
        if (request.getExchangeIndex() > 0 && (dropReusedConnections || dropIsNext(request))) {
            droppedReused.incrementAndGet();
            return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
        }
        RecordedCall call = calls.record(request);
        targets.add(request.getTarget());
        MockResponse response = "GET".equals(call.method()) && call.path().startsWith("/v1/models")
                && failingModelChecks.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                ? writer.error(ErrorCatalog.forStatus(503), call)
                : call.isChatCompletion() ? gate.pass(() -> route(call)) : route(call);
        String auth = call.header("authorization");
        return echoKeyInRequestId && auth != null
                ? response.newBuilder().setHeader("x-request-id", auth).build() : response;
    }

    /** A scripted drop is next for this chat request (see {@link #connectionDropped()}). */
    private boolean dropIsNext(RecordedRequest request) {
        return "POST".equals(request.getMethod()) && request.getUrl().encodedPath().equals("/v1/chat/completions")
                && queue.peek() instanceof FakeReply.Disconnect;
    }

    private MockResponse route(RecordedCall call) {
        String path = call.path();
        if ("GET".equals(call.method()) && path.equals("/v1/models")) {
            return keyRejection(call).map(rejection -> writer.error(rejection, call))
                    .orElseGet(() -> writer.models(models, call));
        }
        if ("GET".equals(call.method()) && path.startsWith("/v1/models/")) {
            return keyRejection(call).map(rejection -> writer.error(rejection, call))
                    .orElseGet(() -> oneModel(path.substring("/v1/models/".length()), call));
        }
        if ("POST".equals(call.method()) && path.equals("/v1/chat/completions")) {
            Optional<FakeError> rejection = keyRejection(call);
            if (rejection.isPresent()) return writer.error(rejection.get(), call);
            if (shutDown(call.model())) return writer.error(ErrorCatalog.modelNotFound(), call);
            FakeReply next = queue.poll();
            return writer.write(next == null ? fallback : next, call);
        }
        return writer.error(new FakeError(404, "invalid_request_error", null,
                "Invalid URL (" + call.method() + " " + path + ")"), call);
    }

    /** A model whose listed shutdown date has come is gone, as at OpenAI: 404 {@code model_not_found}. */
    private boolean shutDown(String model) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return models.stream().anyMatch(m -> m.id().equals(model) && m.shutdown() == FakeModel.Shutdown.DATE
                && !today.isBefore(m.shutdownDate()));
    }

    private MockResponse oneModel(String id, RecordedCall call) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst()
                .map(m -> writer.model(m, call))
                .orElseGet(() -> writer.error(new FakeError(404, "invalid_request_error", "model_not_found",
                        "The model '" + id + "' does not exist"), call));
    }

    /** The 401 the real API sends for this request's key; empty when the key is accepted. */
    private Optional<FakeError> keyRejection(RecordedCall call) {
        String key = call.bearerKey();
        if (key == null || key.isBlank()) {
            return Optional.of(new FakeError(401, "invalid_request_error", null,
                    "You didn't provide an API key. You need to provide your API key in an Authorization header "
                    + "using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from "
                    + "https://platform.openai.com/account/api-keys."));
        }
        Set<String> accepted = acceptedKeys;
        return accepted.isEmpty() || accepted.contains(key)
                ? Optional.empty() : Optional.of(ErrorCatalog.invalidApiKey());
    }

    @Override
    public String toString() {
        return "FakeOpenAi[" + baseUrl() + ", " + calls.size() + " requests]";
    }
}
