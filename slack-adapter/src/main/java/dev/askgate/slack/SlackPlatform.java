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
    private volatile SocketModeApp socketMode;
    private volatile boolean started;
    private volatile boolean connected;

    /**
     * @param chat         the core's question pipeline
     * @param pacer        paces {@code chat.update} calls: {@code EditPacer.forSlack(settings.editInterval(), clock)};
     *                     Slack's 429s on {@code chat.update} are fed back to it
     * @param dedupe       remembers event and command ids, so that Slack's retries are answered once
     * @param outcomeWords the core's words for each outcome (Markdown; empty for a plain answer)
     * @param clock        for the HTTP-mode timestamp check
     */
    public SlackPlatform(SlackSettings settings, ChatService chat, EditPacer pacer, EventDedupe dedupe,
                         Function<ChatOutcome, String> outcomeWords, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("askgate-slack-timer").factory());
        this.slack = SlackBolt.client(settings);
        String pacerKey = "slack";
        SlackWebApi api = new SlackWebApi(slack, settings.botToken().value(), (method, wait) -> {
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
        this.endpoint = settings.connection() instanceof SlackSettings.Connection.Http http
                ? new SlackHttpEndpoint(app, new SlackRequestCheck(http.signingSecret().value(), clock)) : null;
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
        try {
            app.start(); // auth.test with the bot token: a bad token stops start-up here
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Slack refused SLACK_BOT_TOKEN (auth.test failed): check the token");
        }
        if (settings.connection() instanceof SlackSettings.Connection.SocketMode sm) {
            startSocketMode(sm.appToken().value());
        } else {
            connected = true;
            log.info("platform=slack HTTP mode: Slack's requests are expected at {}", SlackHttpEndpoint.PATH);
        }
        started = true;
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
            // Bolt throws (or its client factory returns null) when apps.connections.open fails.
            throw new IllegalStateException("Slack Socket Mode could not start with SLACK_APP_TOKEN ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + "): check that it is an"
                    + " app-level token with the connections:write scope, that Socket Mode is on, and that "
                    + settings.apiHost() + " is reachable");
        }
        SocketModeClient client = sm.getClient();
        client.addWebSocketMessageListener(message -> connected = true);
        client.addWebSocketCloseListener((code, reason) -> connected = false);
        socketMode = sm;
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
        return started && connected && !workers.stopping();
    }

    @Override
    public void stop(Duration grace) {
        workers.stop(grace);
        SocketModeApp sm = socketMode;
        if (sm != null) {
            SocketModeClient client = sm.getClient();
            try {
                sm.stop();
                if (client != null) client.close();
            } catch (Exception e) {
                log.warn("platform=slack closing the Socket Mode connection failed: {}", e.getClass().getName());
            }
        }
        app.stop();
        timer.shutdownNow();
        try {
            slack.close();
        } catch (Exception e) {
            log.debug("platform=slack closing the Web API client failed: {}", e.getClass().getName());
        }
        connected = false;
        log.info("platform=slack stopped");
    }
}
