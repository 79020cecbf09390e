package dev.askgate.discord;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatPlatform;
import dev.askgate.core.ChatService;
import dev.askgate.core.alert.AlertChannel;
import dev.askgate.core.admission.Admission;
import dev.askgate.core.dedupe.EventDedupe;
import dev.askgate.core.platform.SharedPieces;
import dev.askgate.core.render.EditPacer;
import dev.askgate.core.render.EditScheduler;
import dev.askgate.core.render.ReplyFlow;
import dev.askgate.core.work.Workers;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.utils.messages.MessageRequest;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Askgate on Discord: connects with JDA (or a ShardManager over {@code DISCORD_SHARDS}) and answers mentions,
 * replies to its answers, messages in its threads, DMs (when allowed) and {@code /ask}, each on a virtual thread.
 *
 * <p>Wiring, in the launcher: {@code new DiscordPlatform(config, shared, shared.admission(config.access(),
 * config.allowDms()), okHttpClient)} with the {@link SharedPieces} every platform gets, then {@code start()},
 * {@code ready()} for {@code /readyz}, and {@code stop(grace)} on SIGTERM.
 */
public final class DiscordPlatform implements ChatPlatform {
    private static final Logger log = LoggerFactory.getLogger(DiscordPlatform.class);
    private static final String TOKEN_REJECTED =
            "Discord rejected DISCORD_BOT_TOKEN: copy the bot token again from the Developer Portal (Bot page)";

    private final DiscordConfig config;
    private final ChatService chat;
    private final Admission admission;
    private final EventDedupe dedupe;
    private final EditPacer pacer;
    private final OkHttpClient http;
    private final Clock clock;
    private final Function<Caller, String> ownUsage;
    private final ConnectionWatcher watcher = new ConnectionWatcher();
    private final Workers workers;
    private final ScheduledExecutorService timer;
    private volatile DiscordConnection connection;
    private volatile boolean stopping;

    /**
     * @param shared    what the launcher gives every platform
     * @param admission core's admission over the {@code DISCORD_*} access lists and DM switch
     * @param pacer     the edit pacer shared by every Discord reply (see {@code EditPacer.forDiscord})
     * @param http      the launcher's client; JDA gets a derived client (same pool) that also reports rate limits
     */
    public DiscordPlatform(DiscordConfig config, SharedPieces shared, Admission admission, EditPacer pacer,
                           OkHttpClient http) {
        this.ownUsage = shared.ownUsage();
        this.config = Objects.requireNonNull(config, "config");
        this.chat = shared.chat();
        this.admission = Objects.requireNonNull(admission, "admission");
        this.dedupe = shared.dedupe();
        this.workers = shared.workers();
        this.timer = shared.timer();
        this.clock = shared.clock();
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.http = Objects.requireNonNull(http, "http");
    }

    /**
     * With an edit pacer built from {@code DISCORD_EDIT_INTERVAL_MS} (5 edits per 5 s per channel) that keeps the
     * final edits free: under a burst in one channel, progress would spend the budget the ends need and every answer
     * would read whole late; instead the answers beyond the budget's room are posted whole as they end.
     */
    public DiscordPlatform(DiscordConfig config, SharedPieces shared, Admission admission, OkHttpClient http) {
        this(config, shared, admission,
                EditPacer.forDiscord(config.editInterval(), shared.clock()).keepingFinalsFree(), http);
    }

    @Override
    public String name() {
        return "discord";
    }

    @Override
    public void start() throws Exception {
        try {
            connect();
        } catch (Exception | Error e) {
            // A failed start leaves nothing running: the launcher exits, or may try again with a new platform.
            timer.shutdownNow();
            workers.stop(Duration.ZERO);
            throw e;
        }
        log.info("platform=discord connected: {} shard(s), message content intent {}, threads {}, DMs {}",
                connection.shards().size(), config.messageContent() ? "on" : "off",
                config.useThreads() ? "on" : "off", config.allowDms() ? "on" : "off");
    }

    private void connect() throws Exception {
        // Every Askgate message already carries empty allowed mentions; JDA's process-wide defaults are set as
        // well, so that no message sent through this JDA can ever ping, whoever builds it.
        MessageRequest.setDefaultMentions(EnumSet.noneOf(Message.MentionType.class));
        MessageRequest.setDefaultMentionRepliedUser(false);
        DiscordWording wording = new DiscordWording();
        ReplyFlow flow = new ReplyFlow(chat, EditScheduler.onVirtualThreads(timer), timer);
        DiscordPresenter presenter = new DiscordPresenter(wording, pacer);
        DiscordMemberships memberships = new DiscordMemberships();
        MessageQuestions questions = new MessageQuestions(flow, presenter, admission, memberships,
                new SecretNotice(config.deleteSecrets()), wording, dedupe, workers);
        ReplyChain chain = new ReplyChain(config.maxChain(), presenter);
        Map<MessageKind, MessageQuestions.Handling> routes = Map.of(
                MessageKind.MENTION, new MentionHandling(chain, config.useThreads()),
                MessageKind.REPLY_TO_BOT, new ReplyHandling(chain),
                MessageKind.BOT_THREAD, new ThreadHandling(config.maxChain(), presenter),
                MessageKind.DIRECT, new ReplyHandling(chain));
        OkHttpClient jdaHttp = http.newBuilder().addInterceptor(new RateLimitObserver(pacer)).build();
        try {
            connection = DiscordConnection.open(config, jdaHttp, watcher,
                    new DiscordMessageListener(questions, routes),
                    new DiscordAskListener(flow, presenter, admission, memberships, wording, workers),
                    new DiscordUsageCommand(ownUsage, workers),
                    new CommandRegistrar(config.commandGuildIds(), config.allowDms()));
        } catch (InvalidTokenException e) {
            throw new IllegalStateException(TOKEN_REJECTED);
        } catch (ErrorResponseException e) {
            // A ShardManager reports the refused token as the raw 401 of its first REST call.
            if (e.getResponse() != null && e.getResponse().code == 401) throw new IllegalStateException(TOKEN_REJECTED);
            // JDA's code -1 is "no HTTP answer at all" (connection refused, DNS, TLS), its meaning the exception class.
            if (e.getErrorCode() == -1) {
                throw new IllegalStateException("Discord's API could not be reached at " + config.apiUrl()
                        + " (" + e.getMeaning() + "): check the network, DNS and proxies, or DISCORD_API_URL"
                        + " and DISCORD_GATEWAY_URL if they are set");
            }
            throw e;
        }
        try {
            connection.awaitReady(config.startTimeout());
        } catch (IllegalStateException e) {
            connection.shutdown(Duration.ZERO);
            throw new IllegalStateException(watcher.explainFailedStart());
        } catch (TimeoutException e) {
            connection.shutdown(Duration.ZERO);
            String tried = config.gatewayUrl().map(url -> "at " + url + " (DISCORD_GATEWAY_URL)")
                    .orElse("at the address Discord's API gave");
            throw new IllegalStateException("Discord's gateway was not reached within "
                    + config.startTimeout().toSeconds() + " s " + tried + ", the API at " + config.apiUrl()
                    + ": check the network, and DISCORD_GATEWAY_URL and DISCORD_API_URL if they are set"
                    + " (DISCORD_START_TIMEOUT_SECONDS sets the wait)");
        } catch (InterruptedException e) {
            connection.shutdown(Duration.ZERO);
            throw e;
        }
    }

    /**
     * Operator alerts posted to the text channel {@code channelId} (the bot must see it and may send there);
     * before start, or for a channel this bot cannot see, {@link AlertChannel#post} throws.
     */
    public AlertChannel alertChannel(String channelId) {
        Objects.requireNonNull(channelId, "channelId");
        return new AlertChannel() {
            public String name() { return "discord channel " + channelId; }
            public void post(String text) { alertTarget(channelId).sendMessage(QuietMessages.create(text)).complete(); }
        };
    }

    private MessageChannel alertTarget(String channelId) {
        for (var jda : shards()) {
            MessageChannel channel = jda.getChannelById(MessageChannel.class, channelId);
            if (channel != null) return channel;
        }
        throw new IllegalStateException("no Discord channel " + channelId + " is visible to the bot");
    }

    /** The running JDA instances (for tests): none before start. */
    java.util.List<net.dv8tion.jda.api.JDA> shards() {
        DiscordConnection c = connection;
        return c == null ? java.util.List.of() : c.shards();
    }

    /** Whether the platform's own threads (timer, answer workers) have been told to stop. */
    boolean executorsShutDown() {
        return timer.isShutdown() && workers.isShutDown();
    }

    @Override
    public boolean ready() {
        DiscordConnection c = connection;
        return !stopping && c != null && c.ready();
    }

    @Override
    public void stop(Duration grace) {
        stopping = true;
        Instant deadline = clock.instant().plus(grace);
        workers.stop(grace);
        DiscordConnection c = connection;
        if (c != null) {
            Duration left = Duration.between(clock.instant(), deadline);
            c.shutdown(left.isNegative() ? Duration.ofSeconds(1) : left.plusSeconds(1));
        }
        timer.shutdownNow();
        log.info("platform=discord stopped");
    }
}
