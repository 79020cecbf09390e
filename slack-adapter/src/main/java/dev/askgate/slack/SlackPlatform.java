package dev.askgate.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatPlatform;
import dev.askgate.core.ChatService;
import dev.askgate.core.dedupe.EventDedupe;
import dev.askgate.core.policy.AccessPolicy;
import dev.askgate.core.policy.RefusalThrottle;
import dev.askgate.core.render.EditPacer;
import dev.askgate.core.render.EditScheduler;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Askgate in one Slack workspace, with Bolt: in Socket Mode it connects out over a WebSocket (no public URL);
 * in HTTP mode Slack's requests arrive through {@link #httpEndpoint()}, which the launcher mounts at
 * {@code POST /slack/events}. {@link #start()} checks the bot token ({@code auth.test}) and, in Socket Mode,
 * opens the connection; {@link #stop} lets answers in flight finish before disconnecting.
 */
public final class SlackPlatform implements ChatPlatform {
    private static final Logger log = LoggerFactory.getLogger(SlackPlatform.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final SlackSettings settings;
    private final Slack slack;
    private final App app;
    private final SlackWorkers workers = new SlackWorkers();
    private final ScheduledExecutorService timer;
    private final SlackHttpEndpoint endpoint;
    private final SlackWebApi api;
    private volatile boolean stopping;
    private volatile SocketModeApp socketMode;
    private volatile boolean started;
    private volatile boolean connected;

    /**
     * @param http         the launcher's one OkHttpClient; Bolt's Web API client is derived from it
     * @param chat         the core's question pipeline
     * @param pacer        paces {@code chat.update} calls: {@code EditPacer.forSlack(settings.editInterval(), clock)};
     *                     Slack's 429s on {@code chat.update} are fed back to it
     * @param dedupe       remembers event and command ids, so that Slack's retries are answered once
     * @param outcomeWords the core's words for each outcome (Markdown; empty for a plain answer)
     * @param clock        for the HTTP-mode timestamp check
     */
    public SlackPlatform(SlackSettings settings, OkHttpClient http, ChatService chat, EditPacer pacer, EventDedupe dedupe,
                         Function<ChatOutcome, String> outcomeWords, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("askgate-slack-timer").factory());
        this.slack = SlackBolt.client(settings, Objects.requireNonNull(http, "http"));
        String pacerKey = "slack";
        this.api = new SlackWebApi(slack, settings.botToken().value(), (method, wait) -> {
            if (method.equals("chat.update")) pacer.backOff(pacerKey, wait);
        });
        MrkdwnConverter mrkdwn = new MrkdwnConverter();
        SlackWording wording = new SlackWording(SlackBolt.COMMAND);
        SlackAnswerer answerer = new SlackAnswerer(chat, api, mrkdwn, pacer, EditScheduler.onVirtualThreads(timer),
                outcomeWords, wording, pacerKey);
        SlackAccess access = new SlackAccess(new AccessPolicy(settings.access().toRules()), RefusalThrottle.perMinute(clock));
        SlackIntake intake = new SlackIntake(api, answerer, access, dedupe, workers,
                wording, mrkdwn, outcomeWords, settings.allowDms());
        this.app = SlackBolt.app(settings, slack, new AskCommand(intake), new MentionListener(intake, answerer),
                new DirectMessageListener(intake, answerer));
        this.endpoint = settings.connection() instanceof SlackSettings.Connection.Http mode
                ? new SlackHttpEndpoint(app, new SlackRequestCheck(mode.signingSecret().value(), clock), () -> stopping)
                : null;
    }

    @Override
    public String name() {
        return "slack";
    }

    /** In HTTP mode, the handler of {@code POST /slack/events}; empty in Socket Mode. */
    public Optional<SlackHttpEndpoint> httpEndpoint() {
        return Optional.ofNullable(endpoint);
    }

    @Override
    public void start() throws Exception {
        checkBotToken();
        try {
            app.start(); // Bolt's own auth.test; the token was checked just above
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Slack's auth.test failed while Bolt started (API at " + settings.apiHost()
                    + "): check SLACK_BOT_TOKEN and that SLACK_API_URL is reachable");
        }
        if (settings.connection() instanceof SlackSettings.Connection.SocketMode sm) {
            startSocketMode(sm.appToken().value());
        } else {
            connected = true;
            log.info("platform=slack HTTP mode: Slack's requests are expected at {}", SlackHttpEndpoint.PATH);
        }
        started = true;
    }

    /**
     * {@code auth.test} through our own client, before Bolt's: Bolt reports every failure, a network error too,
     * as an invalid token. Here a refused token and an unreachable Slack get different words.
     */
    private void checkBotToken() {
        try {
            api.authTest();
        } catch (SlackCallFailed e) {
            throw new IllegalStateException(switch (e.error()) {
                case "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired" ->
                        "Slack refused SLACK_BOT_TOKEN (auth.test: " + e.error() + "): check the token, or reinstall"
                                + " the app to get a new one";
                case "network" -> "Slack's Web API could not be reached at " + settings.apiHost() + " (SLACK_API_URL):"
                        + " check the network, proxy and DNS, or SLACK_API_URL";
                default -> "Slack's auth.test failed (" + e.error() + ") at " + settings.apiHost()
                        + ": check SLACK_BOT_TOKEN and SLACK_API_URL";
            });
        }
    }

    private void startSocketMode(String appToken) throws Exception {
        SocketModeApp sm = new SocketModeApp(appToken, SocketModeClient.Backend.Tyrus, context -> {
            log.error("platform=slack handling a Socket Mode envelope failed: {}",
                    context.getException() == null ? "unknown" : context.getException().getClass().getName());
            return null;
        }, app);
        try {
            sm.startAsync();
        } catch (RuntimeException e) {
            closeQuietly(sm); // its thread pool lives until close(), not stop()
            // Bolt throws (or its client factory returns null) when apps.connections.open fails.
            throw new IllegalStateException("Slack Socket Mode could not start with SLACK_APP_TOKEN ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "): check that it is an"
                    + " app-level token with the connections:write scope, that Socket Mode is on, and that "
                    + settings.apiHost() + " is reachable");
        }
        socketMode = sm; // from here on stop() closes it, also when the connection never opens
        SocketModeClient client = sm.getClient();
        if (client == null) {
            socketMode = null;
            closeQuietly(sm);
            throw new IllegalStateException("Slack Socket Mode could not start with SLACK_APP_TOKEN: check that it is"
                    + " an app-level token with the connections:write scope and that Socket Mode is on");
        }
        client.addWebSocketMessageListener(message -> connected = true);
        client.addWebSocketCloseListener((code, reason) -> connected = false);
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        while (!client.verifyConnection()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Slack Socket Mode WebSocket did not open within "
                        + CONNECT_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
        connected = true;
        log.info("platform=slack Socket Mode connected (API at {})", settings.apiHost());
    }

    @Override
    public boolean ready() {
        return started && connected && !stopping;
    }

    /**
     * Stops taking events, then lets the answers in flight finish. Socket Mode disconnects first, so that Slack
     * delivers new events to another connection (another replica, or this one after a restart) instead of to
     * an app that would have to refuse them; in HTTP mode events are answered 503 from now on, which Slack retries.
     */
    @Override
    public void stop(Duration grace) {
        stopping = true;
        SocketModeApp sm = socketMode;
        if (sm != null) closeQuietly(sm);
        workers.stop(grace);
        try {
            app.stop();
        } catch (Exception e) {
            log.debug("platform=slack stopping Bolt failed: {}", e.getClass().getName());
        }
        timer.shutdownNow();
        try {
            slack.getConfig().close(); // not slack.close(): that would shut the launcher's shared OkHttpClient
        } catch (Exception e) {
            log.debug("platform=slack closing the Web API client's config failed: {}", e.getClass().getName());
        }
        connected = false;
        log.info("platform=slack stopped");
    }

    /** Disconnects and shuts down Bolt's Socket Mode thread pool ({@code stop()} alone leaves it running). */
    private static void closeQuietly(SocketModeApp sm) {
        SocketModeClient client = sm.getClient();
        try {
            sm.close();
            if (client != null) client.close();
        } catch (Exception e) {
            log.warn("platform=slack closing the Socket Mode connection failed: {}", e.getClass().getName());
        }
    }
}
