package dev.askgate.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import dev.askgate.core.ChatService;
import dev.askgate.core.KeyedModel;
import dev.askgate.core.WorkspaceKeys;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.feedback.FeedbackRecorder;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.key.FileKeySource;
import dev.askgate.core.key.FixedKeySource;
import dev.askgate.core.key.KeySource;
import dev.askgate.core.key.KeySpec;
import dev.askgate.core.model.ChatModel;
import dev.askgate.core.openai.OpenAiChatModel;
import dev.askgate.core.openai.OpenAiConfig;
import dev.askgate.core.platform.SharedPieces;
import dev.askgate.core.openai.Sleeper;
import dev.askgate.core.usage.OwnUsage;
import dev.askgate.core.usage.SpendRules;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The shared pieces, built once with plain {@code new}, in order: the one HTTP client, the one JSON mapper,
 * the key source (the only holder of the OpenAI key), the usage store, the model client (one more per key of
 * {@code keys:}, each with its own key source, on the same HTTP client), the context count, the
 * chat service with its spend control and meters, and what every platform shares (workers, the edit timer, the
 * dedupe store, the asker's own usage, the recorder of answer feedback). Platforms are built from these in {@link Platforms}. Closing it stops the
 * workers and the timer, flushes the ledger, closes the store, and stops the key watcher and the HTTP client's
 * threads.
 */
final class Wiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Wiring.class);
    /** The ledger's name for the key of OPENAI_API_KEY (or its _FILE); a workspace's key is named by its place. */
    static final String MAIN_KEY_NAME = "main";
    /**
     * Idle connections the shared client keeps (OkHttp's default is 5): every answer makes calls to the model and to
     * its platform at once, and with only 5 kept a burst of 64 questions opened (and, for OpenAI, TLS-handshook)
     * about 60 new connections to each of them, then closed them again. An idle connection costs a socket and a
     * little memory; it is closed after 5 minutes unused.
     */
    static final int IDLE_CONNECTIONS = 128;
    /**
     * How long a reservation holds when its call is never settled (a replica that died mid-call): longer than any
     * answer streams, short enough that a crash does not block a budget for the rest of the day.
     */
    static final Duration RESERVATION_HOLD = Duration.ofMinutes(15);
    /** The pause before a vote the store refused is tried again (then twice that), before it is logged as lost. */
    static final Duration FEEDBACK_RETRY = Duration.ofSeconds(1);
    private final ObjectMapper json;
    private final OkHttpClient http;
    private final KeySource keys;
    private final ChatModel model;
    private final List<KeySource> placeSources = new ArrayList<>();
    private final WorkspaceKeys routes;
    private final ContextWindow window;
    private final ChatService chat;
    private final SharedPieces shared;
    private final ModelCheckText checkText;
    private final ServerMeters meters = new ServerMeters();
    private UsageParts usage;

    /** How the key source is opened from its configuration; tests wrap it to watch it being closed. */
    @FunctionalInterface
    interface KeyOpener {
        KeySource open(KeySpec spec) throws IOException;
    }

    /** How the usage store is opened; a {@link dev.askgate.core.usage.UsageStoreException} says why it cannot be. */
    @FunctionalInterface
    interface StoreOpener {
        UsageParts open(StoreConfig config);
    }

    Wiring(AskgateConfig config) throws IOException {
        this(config, Encodings.newLazyEncodingRegistry());
    }

    /** @param tokenizers the process's one encoding registry, shared with the configuration's checks */
    Wiring(AskgateConfig config, EncodingRegistry tokenizers) throws IOException {
        this(config, KeySpec::open, UsageParts::open, tokenizers);
    }

    Wiring(AskgateConfig config, KeyOpener opener) throws IOException {
        this(config, opener, UsageParts::open);
    }

    Wiring(AskgateConfig config, KeyOpener opener, StoreOpener stores) throws IOException {
        this(config, opener, stores, Encodings.newLazyEncodingRegistry());
    }

    /**
     * Opens the key source, then the usage store; when anything after the key source fails, closes what was opened
     * again (the key's file watcher, the store's pool).
     */
    Wiring(AskgateConfig config, KeyOpener opener, StoreOpener stores, EncodingRegistry tokenizers) throws IOException {
        json = new ObjectMapper();
        // Explicit defaults for every user of the shared client; the model client derives its own timeouts.
        http = new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofMinutes(5))
                .build();
        keys = opener.open(config.openAi().key());
        try {
            usage = stores.open(config.store());
            model = new OpenAiChatModel(http, json, config.openAi(), keys, Clock.systemUTC(), Sleeper.real(),
                    meters.askgate());
            SpendConfig spend = config.spend();
            routes = new WorkspaceKeys(new KeyedModel(MAIN_KEY_NAME, model, keys),
                    placeModels(config.openAi(), spend.keySources()));
            var rules = new SpendRules(spend.budgets(), spend.prices(), spend.admins(), RESERVATION_HOLD);
            window = new ContextWindow(config.chat(), tokenizers);
            chat = new ChatService(routes, config.chat(), new SecretGuard(), window, meters.askgate(),
                    usage.spending(rules, caller -> routes.forCaller(caller).payingKey(), meters.askgate()::called));
            meters.askgate().watch(usage.ledger());
            tellSpendRules(spend);
            OwnUsage own = new OwnUsage(usage.store(), spend.budgets(), rules::isAdmin, Clock.systemUTC());
            shared = SharedPieces.around(chat, window, Clock.systemUTC()).withDedupe(usage.dedupe("chat"))
                    .withOwnUsage(own::describe)
                    .withFeedback(new FeedbackRecorder(usage.store(), meters.askgate(), FEEDBACK_RETRY, Sleeper.real()));
            checkText = new ModelCheckText(config.openAi().baseUrl(), config.openAi().model());
        } catch (IOException | RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * One model client per {@code keys:} entry: the main endpoint, model, timeouts and limits, with that key and only
     * its own project header (the main key's organization and project may not be the workspace key's).
     */
    private Map<String, KeyedModel> placeModels(OpenAiConfig main, List<PlaceKey> places) throws IOException {
        Map<String, KeyedModel> models = new HashMap<>();
        for (PlaceKey place : places) {
            KeySource source = open(place);
            placeSources.add(source);
            var own = new OpenAiConfig(main.baseUrl(), main.model(), "", place.project(), main.timeout(),
                    main.maxRetries(), place.key(), main.callLimit());
            var client = new OpenAiChatModel(http, json, own, source, Clock.systemUTC(), Sleeper.real(),
                    meters.askgate());
            models.put(place.place(), new KeyedModel(place.place(), client, source));
        }
        if (!models.isEmpty()) log.info("ASKGATE_CONFIG keys: {} workspace(s) pay with their own key: {}",
                models.size(), models.keySet().stream().sorted().toList());
        return models;
    }

    /** The place is part of the key's origin, so that a rejection names whose key it is (never the key). */
    private static KeySource open(PlaceKey place) throws IOException {
        return switch (place.key()) {
            case KeySpec.FromValue value -> new FixedKeySource(value.key(),
                    "env " + place.env() + " (keys: " + place.place() + ")");
            case KeySpec.FromFile file -> {
                try {
                    yield FileKeySource.open(file.file(), place.place());
                } catch (IOException e) {
                    throw new IOException(SpendConfigFile.VARIABLE + " keys." + place.place() + ".file cannot be "
                            + "opened (" + file.file() + "): " + e.getClass().getSimpleName());
                }
            }
            case KeySpec.Missing missing -> throw new IllegalStateException("keys." + place.place() + " has no key");
        };
    }

    private static void tellSpendRules(SpendConfig spend) {
        if (!spend.fromFile()) {
            log.info("No ASKGATE_CONFIG: each user may have 2 questions answered at once (limits.user.concurrent), "
                    + "and no money or token limits apply");
        } else {
            log.info("Spend control: {} limit(s), {} admin(s)", spend.budgets().limits().size(), spend.admins().size());
        }
    }

    UsageParts usage() {
        return usage;
    }

    ObjectMapper json() {
        return json;
    }

    /** The shared HTTP client, for adapters that take one. */
    OkHttpClient http() {
        return http;
    }

    ChatModel model() {
        return model;
    }

    /** Every key with its model client, the main one first (for {@code askgate check}). */
    List<KeyedModel> keyedModels() {
        return routes.all();
    }

    ChatService chat() {
        return chat;
    }

    /** The one tokenizer-backed context count, shared by the chat service and every platform's admission. */
    ContextWindow window() {
        return window;
    }

    /** What every chat platform gets: the chat service, workers, the edit timer, the dedupe store, the clock. */
    SharedPieces shared() {
        return shared;
    }

    ModelCheckText checkText() {
        return checkText;
    }

    /** The meters behind {@code GET /metrics}. */
    ServerMeters meters() {
        return meters;
    }

    @Override
    public void close() {
        if (shared != null) {
            // The platforms have drained the workers by now (or were never started): nothing is left to wait for.
            shared.workers().stop(Duration.ZERO);
            shared.timer().shutdownNow();
        }
        if (usage != null) usage.close();
        keys.close();
        placeSources.forEach(KeySource::close);
        meters.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
