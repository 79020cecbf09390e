package dev.askgate.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import dev.askgate.core.Caller;
import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatPlatform;
import dev.askgate.core.ChatService;
import dev.askgate.core.alert.AlertChannel;
import dev.askgate.core.dedupe.EventDedupe;
import dev.askgate.core.policy.AccessPolicy;
import dev.askgate.core.policy.RefusalThrottle;
import dev.askgate.core.render.EditPacer;
import dev.askgate.core.render.EditScheduler;
import dev.askgate.core.usage.OwnUsage;
import dev.askgate.core.work.Workers;
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
 * opens the connection; {@link #stop} stops taking events (disconnecting Socket Mode first), then lets the
 * answers in flight finish.
 */
public final class SlackPlatform implements ChatPlatform {
    private static final Logger log = LoggerFactory.getLogger(SlackPlatform.class);

    private final SlackSettings settings;
    private final Slack slack;
    private final App app;
    private final Workers workers = new Workers("slack");
    private final ScheduledExecutorService timer;
    private final SlackHttpEndpoint endpoint;
    private final SlackWebApi api;
    private volatile boolean stopping;
    private volatile SlackSocketConnection socketMode;
    private volatile boolean started;

    /**
     * @param http         the launcher's one OkHttpClient; Bolt's Web API client is derived from it
     * @param chat         the core's question pipeline
     * @param pacer        paces {@code chat.update} calls per workspace: {@code EditPacer.forSlack(settings.editInterval(),
     *                     clock)}; Slack's 429s on {@code chat.update} are fed back to it
     * @param dedupe       remembers event and command ids, so that Slack's retries are answered once
     * @param outcomeWords the core's words for each outcome (Markdown; empty for a plain answer)
     * @param clock        for the HTTP-mode timestamp check
     */
    public SlackPlatform(SlackSettings settings, OkHttpClient http, ChatService chat, EditPacer pacer, EventDedupe dedupe,
                         Function<ChatOutcome, String> outcomeWords, Clock clock) {
        this(settings, http, chat, pacer, dedupe, outcomeWords, clock, caller -> OwnUsage.UNTRACKED);
    }

    /** @param ownUsage the asker's own usage in Markdown ({@code OwnUsage::describe}), for {@code /ask usage} */
    public SlackPlatform(SlackSettings settings, OkHttpClient http, ChatService chat, EditPacer pacer, EventDedupe dedupe,
                         Function<ChatOutcome, String> outcomeWords, Clock clock, Function<Caller, String> ownUsage) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("askgate-slack-timer").factory());
        this.slack = SlackBolt.client(settings, Objects.requireNonNull(http, "http"));
        this.api = new SlackWebApi(slack, settings.botToken().value(), new WebApiRetry(Duration.ofMillis(500)),
                EditPacer.forSlackPosts(clock), pacer);
        MrkdwnConverter mrkdwn = new MrkdwnConverter();
        SlackWording wording = new SlackWording(SlackBolt.COMMAND);
        SlackAnswerer answerer = new SlackAnswerer(chat, api, mrkdwn, pacer, EditScheduler.onVirtualThreads(timer),
                outcomeWords, wording);
        SlackAccess access = new SlackAccess(new AccessPolicy(settings.access().toRules()), RefusalThrottle.perMinute(clock));
        SlackIntake intake = new SlackIntake(api, answerer, access, dedupe, workers,
                wording, mrkdwn, outcomeWords, settings.allowDms());
        this.app = SlackBolt.app(settings, slack, new AskCommand(intake,
                caller -> mrkdwn.convert(ownUsage.apply(caller))), new MentionListener(intake, answerer),
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

    /** Operator alerts posted to {@code channelId} with {@code chat.postMessage} (the bot must be in it). */
    public AlertChannel alertChannel(String channelId) {
        Objects.requireNonNull(channelId, "channelId");
        return new AlertChannel() {
            public String name() { return "slack channel " + channelId; }
            public void post(String text) {
                // Slack reads &, < and > as markup; alerts are plain text.
                api.postMessage(channelId, "", text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"));
            }
        };
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
            socketMode = SlackSocketConnection.open(app, sm.appToken().value(), settings.apiHost());
        } else {
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

    @Override
    public boolean ready() {
        SlackSocketConnection socket = socketMode;
        return started && !stopping && (socket == null ? settings.httpMode() : socket.connected());
    }

    /**
     * Stops taking events, then lets the answers in flight finish. Socket Mode disconnects first, so that Slack
     * delivers new events to another connection (another replica, or this one after a restart) instead of to
     * an app that would have to refuse them; in HTTP mode events are answered 503 from now on, which Slack retries.
     */
    @Override
    public void stop(Duration grace) {
        stopping = true;
        SlackSocketConnection socket = socketMode;
        if (socket != null) socket.close();
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
        log.info("platform=slack stopped");
    }
}
