package dev.askgate.slack;

import com.slack.api.Slack;
import com.slack.api.bolt.App;
import com.slack.api.bolt.middleware.builtin.Assistant;
import dev.askgate.core.ChatPlatform;
import dev.askgate.core.RequestId;
import dev.askgate.core.admission.Admission;
import dev.askgate.core.http.HttpRoute;
import dev.askgate.core.http.RouteResponse;
import dev.askgate.core.platform.SharedPieces;
import dev.askgate.core.render.EditPacer;
import dev.askgate.core.render.EditScheduler;
import dev.askgate.core.render.ReplyFlow;
import dev.askgate.core.alert.AlertChannel;
import dev.askgate.core.work.Workers;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Askgate in one Slack workspace, with Bolt: in Socket Mode it connects out over a WebSocket (no public URL);
 * in HTTP mode Slack's requests arrive through the route it offers ({@link #routes()}), which the launcher mounts
 * at {@code POST /slack/events}. {@link #start()} checks the bot token ({@code auth.test}) and, in Socket Mode,
 * opens the connection; {@link #stop} stops taking events (disconnecting Socket Mode first), then lets the
 * answers in flight finish.
 */
public final class SlackPlatform implements ChatPlatform {
    private static final Logger log = LoggerFactory.getLogger(SlackPlatform.class);

    private final SlackConfig config;
    private final Slack slack;
    private final App app;
    private final Workers workers;
    private final ScheduledExecutorService timer;
    private final SlackHttpEndpoint endpoint;
    private final SlackWebApi api;
    /** Where Bolt's assistant middleware runs its handlers (admission, then a worker): only with the panel on. */
    private final Optional<ExecutorService> panelHandlers;
    private volatile boolean stopping;
    private volatile SlackSocketConnection socketMode;
    private volatile boolean started;

    /**
     * @param shared       what the launcher gives every platform: the chat service, workers, the edit timer, the
     *                     dedupe store that makes Slack's retries answered once, and the clock (also for the
     *                     HTTP-mode timestamp check)
     * @param admission    core's admission over the {@code SLACK_*} access lists and DM switch
     * @param pacer        paces {@code chat.update} calls per workspace: {@code EditPacer.forSlack(config.editInterval(),
     *                     clock)}; Slack's 429s on {@code chat.update} are fed back to it
     * @param http         the launcher's one OkHttpClient; Bolt's Web API client is derived from it
     */
    public SlackPlatform(SlackConfig config, SharedPieces shared, Admission admission, EditPacer pacer,
                         OkHttpClient http) {
        this.config = Objects.requireNonNull(config, "config");
        this.workers = shared.workers();
        this.timer = shared.timer();
        Clock clock = shared.clock();
        this.slack = SlackBolt.client(config, Objects.requireNonNull(http, "http"));
        WebApiRetry retry = new WebApiRetry(Duration.ofMillis(500));
        this.api = new SlackWebApi(slack, config.botToken().value(), retry, EditPacer.forSlackPosts(clock), pacer);
        MrkdwnConverter mrkdwn = new MrkdwnConverter();
        SlackWording wording = new SlackWording(SlackBolt.COMMAND);
        SlackPresenter presenter = new SlackPresenter(mrkdwn, wording, pacer);
        SlackStreamCalls aiCalls = new SlackStreamCalls(slack, config.botToken().value(),
                new WebApiRetry(Duration.ofMillis(500)));
        SlackThreadAnswers answers = new SlackThreadAnswers(api,
                new ReplyFlow(shared.chat(), EditScheduler.onVirtualThreads(timer), timer), presenter,
                new SlackNativePresenter(presenter, SlackNativePresenter.appendPacer(config.editInterval(), clock)),
                aiCalls, new SlackStreamGate(config.streaming(), clock), SlackThinkingStatus.onVirtualThreads(aiCalls));
        SlackRefusals refusals = new SlackRefusals(wording, presenter);
        SlackDeliveries deliveries = new SlackDeliveries(shared.dedupe());
        SlackMessageQuestions questions = new SlackMessageQuestions(api, admission, workers, answers, refusals, wording,
                SlackThreadTitles.onVirtualThreads(aiCalls));
        this.panelHandlers = config.assistant().enabled()
                ? Optional.of(Executors.newVirtualThreadPerTaskExecutor()) : Optional.empty();
        Optional<Assistant> panel = panelHandlers.map(executor -> new SlackAssistantThreads(config.assistant(), api,
                aiCalls, deliveries, questions, new SlackPanelContexts(), workers,
                config.allowDms() ? "" : wording.directMessagesOff()).middleware(executor));
        this.app = SlackBolt.app(config, slack, new SlackAskCommand(api, admission, deliveries, workers, answers, refusals, wording,
                        caller -> mrkdwn.convert(shared.ownUsage().apply(caller))),
                new SlackMentionListener(deliveries, questions), new SlackDirectMessageListener(deliveries, questions),
                new SlackFeedbackAction(api, deliveries, workers, shared.feedback(), wording, clock), panel);
        this.endpoint = config.connection() instanceof SlackConfig.Connection.Http mode
                ? new SlackHttpEndpoint(app, new SlackRequestCheck(mode.signingSecret().value(), clock), () -> stopping)
                : null;
    }

    @Override
    public String name() {
        return "slack";
    }

    /** In HTTP mode, the handler of {@code POST /slack/events}; empty in Socket Mode. */
    Optional<SlackHttpEndpoint> httpEndpoint() {
        return Optional.ofNullable(endpoint);
    }

    /** In HTTP mode, {@code POST /slack/events}, carrying the exchange's request id on to the question. */
    @Override
    public List<HttpRoute> routes() {
        return httpEndpoint().map(handler -> List.of(HttpRoute.of("POST", SlackHttpEndpoint.PATH, request -> {
            var reply = handler.handle(request.headers(), request.body(),
                    RequestId.fromHeaderOrNew(request.requestId()));
            return new RouteResponse(reply.status(), Map.of("Content-Type", reply.contentType()), reply.body());
        }))).orElse(List.of());
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
            throw new IllegalStateException("Slack's auth.test failed while Bolt started (API at " + config.apiHost()
                    + "): check SLACK_BOT_TOKEN and that SLACK_API_URL is reachable");
        }
        if (config.connection() instanceof SlackConfig.Connection.SocketMode sm) {
            socketMode = SlackSocketConnection.open(app, sm.appToken().value(), config.apiHost());
        } else {
            log.info("platform=slack HTTP mode: Slack's requests are expected at {}", SlackHttpEndpoint.PATH);
        }
        if (config.assistant().enabled()) {
            log.info("platform=slack assistant panel on (SLACK_ASSISTANT): assistant threads are answered");
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
                case "network" -> "Slack's Web API could not be reached at " + config.apiHost() + " (SLACK_API_URL):"
                        + " check the network, proxy and DNS, or SLACK_API_URL";
                default -> "Slack's auth.test failed (" + e.error() + ") at " + config.apiHost()
                        + ": check SLACK_BOT_TOKEN and SLACK_API_URL";
            });
        }
    }

    @Override
    public boolean ready() {
        SlackSocketConnection socket = socketMode;
        return started && !stopping && (socket == null ? config.httpMode() : socket.connected());
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
        panelHandlers.ifPresent(ExecutorService::shutdown);
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
