package dev.askgate.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.askgate.core.Caller;
import dev.askgate.core.ChatConfig;
import dev.askgate.core.RequestId;
import dev.askgate.core.config.Secret;
import dev.askgate.core.platform.SharedPieces;
import dev.askgate.core.render.EditPacer;
import dev.askgate.core.render.OutcomeWording;
import dev.askgate.fixture.CoreFixture;
import dev.askgate.core.usage.OwnUsage;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.HttpDelivery;
import dev.askgate.testkit.slack.SlackEvent;
import dev.askgate.testkit.slack.SlackInteraction;
import dev.askgate.testkit.slack.SlackSigner;
import dev.askgate.testkit.slack.SlashCommand;
import dev.askgate.testkit.slack.SocketAck;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The real Slack adapter (with Bolt) between a {@link FakeSlack} and the real core over a {@link FakeOpenAi},
 * in Socket Mode or in HTTP mode (then served by the JDK's HTTP server on a real socket, as the launcher would).
 */
final class SlackHarness implements AutoCloseable {
    static final String BOT_TOKEN = "xoxb-FAKE-0000-bot-token-notreal";
    static final String APP_TOKEN = "xapp-FAKE-0000-app-token-notreal";
    static final String SIGNING_SECRET = "FAKEsigningsecret0000notreal";
    static final String OPENAI_KEY = CoreFixture.OPENAI_KEY;
    static final String CHANNEL = "C0GENERAL1";
    static final String USER = "U0ALICE001";

    enum Mode { SOCKET, HTTP }

    final Mode mode;
    final FakeSlack slack = new FakeSlack(BOT_TOKEN, APP_TOKEN);
    final FakeOpenAi openAi = new FakeOpenAi();
    final SlackSigner signer = new SlackSigner(SIGNING_SECRET);
    final SlackPlatform platform;
    private final CoreFixture core;
    final MrkdwnConverter mrkdwn = new MrkdwnConverter();
    final OutcomeWording wording = new OutcomeWording(SlackPresenter.USAGE);
    private final HttpServer http;
    private final URI endpoint;

    /** What the app answered to one delivery: HTTP status (200 in Socket Mode), the ack's text, how long it took. */
    record Ack(int status, String text, Duration after, String rawBody) { }

    SlackHarness(Mode mode, Duration editInterval, SlackConfig.AccessLists access, boolean allowDms) throws Exception {
        this(mode, editInterval, access, allowDms, Duration.ofSeconds(30));
    }

    SlackHarness(Mode mode, Duration editInterval, SlackConfig.AccessLists access, boolean allowDms,
                 Duration modelTimeout) throws Exception {
        this(mode, editInterval, access, allowDms, modelTimeout, SlackConfig.DEFAULT_API_TIMEOUT);
    }

    SlackHarness(Mode mode, Duration editInterval, SlackConfig.AccessLists access, boolean allowDms,
                 Duration modelTimeout, Duration apiTimeout) throws Exception {
        this(mode, editInterval, access, allowDms, modelTimeout, apiTimeout, caller -> OwnUsage.UNTRACKED);
    }

    /**
     * Answers as posted and updated messages ({@code SLACK_STREAMING=edits}): most tests here are about that path
     * and read {@code chat.update}; the tests of native streams choose their mode.
     *
     * @param ownUsage the words of {@code /ask usage} (Markdown)
     */
    SlackHarness(Mode mode, Duration editInterval, SlackConfig.AccessLists access, boolean allowDms,
                 Duration modelTimeout, Duration apiTimeout, Function<Caller, String> ownUsage) throws Exception {
        this(shared -> shared.withOwnUsage(ownUsage), mode, editInterval, access, allowDms, modelTimeout, apiTimeout);
    }

    SlackHarness(Mode mode, Duration editInterval, SlackConfig.AccessLists access, boolean allowDms,
                 Duration modelTimeout, Duration apiTimeout, Function<Caller, String> ownUsage,
                 SlackConfig.Streaming streaming) throws Exception {
        this(shared -> shared.withOwnUsage(ownUsage), mode, editInterval, access, allowDms, modelTimeout, apiTimeout,
                streaming, SlackAssistantConfig.OFF);
    }

    /** A harness with the assistant side panel as {@code panel} says. */
    static SlackHarness withPanel(Mode mode, SlackAssistantConfig panel, SlackConfig.AccessLists access,
                                  boolean allowDms, Duration apiTimeout) throws Exception {
        return withPanel(mode, panel, access, allowDms, apiTimeout, SlackConfig.Streaming.EDITS, UnaryOperator.identity());
    }

    /**
     * A harness with the assistant side panel as {@code panel} says, answers shown as {@code streaming} says, and
     * the launcher's pieces changed by {@code pieces} (the feedback recorder, say).
     */
    static SlackHarness withPanel(Mode mode, SlackAssistantConfig panel, SlackConfig.AccessLists access,
                                  boolean allowDms, Duration apiTimeout, SlackConfig.Streaming streaming,
                                  UnaryOperator<SharedPieces> pieces) throws Exception {
        return new SlackHarness(shared -> pieces.apply(shared.withOwnUsage(caller -> OwnUsage.UNTRACKED)), mode,
                Duration.ofMillis(100), access, allowDms, Duration.ofSeconds(30), apiTimeout, streaming, panel);
    }

    /** @param pieces changes what the launcher would give the platform (own usage, the feedback recorder) */
    SlackHarness(UnaryOperator<SharedPieces> pieces, Mode mode, Duration editInterval, SlackConfig.AccessLists access,
                 boolean allowDms, Duration modelTimeout, Duration apiTimeout) throws Exception {
        this(pieces, mode, editInterval, access, allowDms, modelTimeout, apiTimeout, SlackConfig.Streaming.EDITS,
                SlackAssistantConfig.OFF);
    }

    /**
     * @param streaming how answers are shown ({@code SLACK_STREAMING})
     * @param panel     the assistant side panel ({@code SLACK_ASSISTANT})
     */
    SlackHarness(UnaryOperator<SharedPieces> pieces, Mode mode, Duration editInterval, SlackConfig.AccessLists access,
                 boolean allowDms, Duration modelTimeout, Duration apiTimeout, SlackConfig.Streaming streaming,
                 SlackAssistantConfig panel) throws Exception {
        this.mode = mode;
        SlackConfig.Connection connection = mode == Mode.SOCKET
                ? new SlackConfig.Connection.SocketMode(new Secret(APP_TOKEN))
                : new SlackConfig.Connection.Http(new Secret(SIGNING_SECRET));
        SlackConfig settings = new SlackConfig(new Secret(BOT_TOKEN), connection, slack.apiUrl(), allowDms,
                editInterval, access, apiTimeout, streaming, panel);
        core = new CoreFixture(openAi, new ChatConfig("gpt-6-luna", "You are a test.", 16_000, 0), modelTimeout,
                new OkHttpClient());
        SharedPieces shared = pieces.apply(core.shared());
        platform = new SlackPlatform(settings, shared, shared.admission(settings.access().toRules(), allowDms),
                EditPacer.forSlack(editInterval, Clock.systemUTC()), new OkHttpClient());
        if (mode == Mode.HTTP) {
            SlackHttpEndpoint handler = platform.httpEndpoint().orElseThrow();
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.createContext(SlackHttpEndpoint.PATH, exchange -> {
                byte[] body = readAtMost(exchange.getRequestBody(), SlackHttpEndpoint.MAX_BODY_BYTES + 1);
                // As the launcher's HTTP layer does: the client's X-Request-Id when sane, else a new one.
                SlackHttpEndpoint.Reply reply = handler.handle(exchange.getRequestHeaders(), body,
                        RequestId.fromHeaderOrNew(exchange.getRequestHeaders().getFirst("X-Request-Id")));
                exchange.getResponseHeaders().set("Content-Type", reply.contentType());
                exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply.body());
                }
            });
            http.start();
            endpoint = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + SlackHttpEndpoint.PATH);
        } else {
            http = null;
            endpoint = null;
        }
        platform.start();
    }

    static SlackHarness start(Mode mode) throws Exception {
        return new SlackHarness(mode, Duration.ofMillis(100), SlackConfig.AccessLists.OPEN, true);
    }

    /** A harness whose answers are shown as {@code streaming} says ({@code SLACK_STREAMING}). */
    static SlackHarness streaming(Mode mode, SlackConfig.Streaming streaming) throws Exception {
        return new SlackHarness(mode, Duration.ofMillis(100), SlackConfig.AccessLists.OPEN, true, Duration.ofSeconds(30),
                SlackConfig.DEFAULT_API_TIMEOUT, caller -> OwnUsage.UNTRACKED, streaming);
    }

    /** An HTTP-mode harness whose model answers "fine" to everything: for the tests of the endpoint itself. */
    static SlackHarness httpAnsweringFine() throws Exception {
        SlackHarness h = start(Mode.HTTP);
        h.openAi.answerAlways("fine");
        return h;
    }

    URI endpoint() {
        return endpoint;
    }

    /** Posts {@code body} as it is to the endpoint, with {@code headers} only (HTTP mode). */
    HttpDelivery post(String contentType, String body, Map<String, String> headers) {
        return slack.post(endpoint, contentType, body, headers);
    }

    /** The signature headers of {@code body}, signed now with the app's signing secret. */
    Map<String, String> signedNow(String body) {
        return signer.headers(Instant.now().getEpochSecond(), body);
    }

    /** Sends {@code /ask text} from {@code user} in {@code channel} and returns the app's acknowledgement. */
    Ack ask(String channel, String user, String text) {
        return send(slack.slashCommand("/ask", channel, user, text));
    }

    Ack send(SlashCommand command) {
        if (mode == Mode.SOCKET) {
            SocketAck ack = slack.socketMode().awaitAck(slack.deliver(command));
            JsonNode payload = ack.payload();
            return new Ack(200, payload.path("text").asText(""), ack.after(), ack.message().toString());
        }
        HttpDelivery d = slack.post(endpoint, command, signer);
        String text = d.body().isBlank() ? "" : slack.parse(d.body()).path("text").asText("");
        return new Ack(d.status(), text, d.after(), d.body());
    }

    /** Delivers an event ({@code retry} 0 the first time) and returns the app's acknowledgement. */
    Ack send(SlackEvent event, int retry) {
        if (mode == Mode.SOCKET) {
            SocketAck ack = slack.socketMode().awaitAck(slack.deliver(event, retry));
            return new Ack(200, "", ack.after(), ack.message().toString());
        }
        HttpDelivery d = slack.post(endpoint, event, signer, retry);
        return new Ack(d.status(), "", d.after(), d.body());
    }

    /** Delivers a button click and returns the app's acknowledgement. */
    Ack send(SlackInteraction interaction) {
        if (mode == Mode.SOCKET) {
            SocketAck ack = slack.socketMode().awaitAck(slack.deliver(interaction));
            return new Ack(200, "", ack.after(), ack.message().toString());
        }
        HttpDelivery d = slack.post(endpoint, interaction, signer);
        return new Ack(d.status(), "", d.after(), d.body());
    }

    /** The core's words for an outcome as they appear in Slack. */
    String words(dev.askgate.core.ChatOutcome outcome) {
        return mrkdwn.convert(wording.note(outcome));
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        return in.readNBytes(max);
    }

    @Override
    public void close() {
        openAi.close();
        platform.stop(Duration.ofSeconds(2));
        if (http != null) http.stop(0);
        slack.close();
        core.close();
    }
}
