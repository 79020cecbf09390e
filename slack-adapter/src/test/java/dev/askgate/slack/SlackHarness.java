package dev.askgate.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.askgate.core.Caller;
import dev.askgate.core.ChatService;
import dev.askgate.core.ChatSettings;
import dev.askgate.core.config.Secret;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.dedupe.InMemoryEventDedupe;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.key.FixedKeySource;
import dev.askgate.core.key.KeySpec;
import dev.askgate.core.openai.OpenAiChatModel;
import dev.askgate.core.openai.OpenAiConfig;
import dev.askgate.core.render.EditPacer;
import dev.askgate.core.render.OutcomeWording;
import dev.askgate.core.usage.OwnUsage;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.HttpDelivery;
import dev.askgate.testkit.slack.SlackEvent;
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
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The real Slack adapter (with Bolt) between a {@link FakeSlack} and the real core over a {@link FakeOpenAi},
 * in Socket Mode or in HTTP mode (then served by the JDK's HTTP server on a real socket, as the launcher would).
 */
final class SlackHarness implements AutoCloseable {
    static final String BOT_TOKEN = "xoxb-FAKE-0000-bot-token-notreal";
    static final String APP_TOKEN = "xapp-FAKE-0000-app-token-notreal";
    static final String SIGNING_SECRET = "FAKEsigningsecret0000notreal";
    static final String OPENAI_KEY = "sk-proj-FAKE0000test0000key0000notreal";
    static final String CHANNEL = "C0GENERAL1";
    static final String USER = "U0ALICE001";

    enum Mode { SOCKET, HTTP }

    final Mode mode;
    final FakeSlack slack = new FakeSlack(BOT_TOKEN, APP_TOKEN);
    final FakeOpenAi openAi = new FakeOpenAi();
    final SlackSigner signer = new SlackSigner(SIGNING_SECRET);
    final SlackPlatform platform;
    final MrkdwnConverter mrkdwn = new MrkdwnConverter();
    final OutcomeWording wording = new OutcomeWording("Ask me with /ask <question>, or mention me.");
    private final HttpServer http;
    private final URI endpoint;

    /** What the app answered to one delivery: HTTP status (200 in Socket Mode), the ack's text, how long it took. */
    record Ack(int status, String text, Duration after, String rawBody) { }

    SlackHarness(Mode mode, Duration editInterval, SlackSettings.AccessLists access, boolean allowDms) throws Exception {
        this(mode, editInterval, access, allowDms, Duration.ofSeconds(30));
    }

    SlackHarness(Mode mode, Duration editInterval, SlackSettings.AccessLists access, boolean allowDms,
                 Duration modelTimeout) throws Exception {
        this(mode, editInterval, access, allowDms, modelTimeout, SlackSettings.DEFAULT_API_TIMEOUT);
    }

    SlackHarness(Mode mode, Duration editInterval, SlackSettings.AccessLists access, boolean allowDms,
                 Duration modelTimeout, Duration apiTimeout) throws Exception {
        this(mode, editInterval, access, allowDms, modelTimeout, apiTimeout, caller -> OwnUsage.UNTRACKED);
    }

    /** @param ownUsage the words of {@code /ask usage} (Markdown) */
    SlackHarness(Mode mode, Duration editInterval, SlackSettings.AccessLists access, boolean allowDms,
                 Duration modelTimeout, Duration apiTimeout, Function<Caller, String> ownUsage) throws Exception {
        this.mode = mode;
        SlackSettings.Connection connection = mode == Mode.SOCKET
                ? new SlackSettings.Connection.SocketMode(new Secret(APP_TOKEN))
                : new SlackSettings.Connection.Http(new Secret(SIGNING_SECRET));
        SlackSettings settings = new SlackSettings(new Secret(BOT_TOKEN), connection, slack.apiUrl(), allowDms,
                editInterval, access, apiTimeout);
        ChatSettings chatSettings = new ChatSettings("gpt-6-luna", "You are a test.", 16_000, 0);
        FixedKeySource keys = new FixedKeySource(new Secret(OPENAI_KEY));
        OpenAiConfig openAiConfig = new OpenAiConfig(URI.create(openAi.baseUrl()), "gpt-6-luna", "", "",
                modelTimeout, 0, new KeySpec.FromValue(new Secret(OPENAI_KEY)));
        OpenAiChatModel model = new OpenAiChatModel(new OkHttpClient(), new ObjectMapper(), openAiConfig, keys);
        ChatService chat = new ChatService(model, chatSettings, new SecretGuard(), new ContextWindow(chatSettings),
                keys::appearsIn);
        platform = new SlackPlatform(settings, new OkHttpClient(), chat, EditPacer.forSlack(editInterval, Clock.systemUTC()), new InMemoryEventDedupe(Clock.systemUTC()),
                wording::note, Clock.systemUTC(), ownUsage);
        if (mode == Mode.HTTP) {
            SlackHttpEndpoint handler = platform.httpEndpoint().orElseThrow();
            http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            http.createContext(SlackHttpEndpoint.PATH, exchange -> {
                byte[] body = readAtMost(exchange.getRequestBody(), SlackHttpEndpoint.MAX_BODY_BYTES + 1);
                SlackHttpEndpoint.Reply reply = handler.handle(exchange.getRequestHeaders(), body);
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
        return new SlackHarness(mode, Duration.ofMillis(100), SlackSettings.AccessLists.OPEN, true);
    }

    URI endpoint() {
        return endpoint;
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
    }
}
