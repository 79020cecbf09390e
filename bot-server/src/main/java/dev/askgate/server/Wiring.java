package dev.askgate.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import dev.askgate.core.ChatService;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.key.KeySource;
import dev.askgate.core.key.KeySpec;
import dev.askgate.core.model.ChatModel;
import dev.askgate.core.openai.OpenAiChatModel;
import dev.askgate.core.platform.SharedPieces;
import dev.askgate.core.openai.Sleeper;
import dev.askgate.core.usage.OwnUsage;
import dev.askgate.core.usage.PayingKey;
import dev.askgate.core.usage.RedactedKey;
import dev.askgate.core.usage.SpendRules;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;

/**
 * The shared pieces, built once with plain {@code new}, in order: the one HTTP client, the one JSON mapper,
 * the key source (the only holder of the OpenAI key), the usage store, the model client, the context count, the
 * chat service with its spend control and meters, and what every platform shares (workers, the edit timer, the
 * dedupe store, the asker's own usage). Platforms are built from these in {@link Platforms}. Closing it stops the
 * workers and the timer, flushes the ledger, closes the store, and stops the key watcher and the HTTP client's
 * threads.
 */
final class Wiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Wiring.class);
    /** The ledger's name for the key of OPENAI_API_KEY (or its _FILE); per-workspace keys would carry their own. */
    static final String MAIN_KEY_NAME = "main";
    /**
     * How long a reservation holds when its call is never settled (a replica that died mid-call): longer than any
     * answer streams, short enough that a crash does not block a budget for the rest of the day.
     */
    static final Duration RESERVATION_HOLD = Duration.ofMinutes(15);
    private final ObjectMapper json;
    private final OkHttpClient http;
    private final KeySource keys;
    private final ChatModel model;
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
            var rules = new SpendRules(spend.budgets(), spend.prices(), spend.admins(), RESERVATION_HOLD);
            window = new ContextWindow(config.chat(), tokenizers);
            chat = new ChatService(model, config.chat(), new SecretGuard(), window, keys::appearsIn, meters.askgate(),
                    usage.spending(rules, this::payingKey, meters.askgate()::called));
            meters.askgate().watch(usage.ledger());
            tellSpendRules(spend);
            OwnUsage own = new OwnUsage(usage.store(), spend.budgets(), Clock.systemUTC());
            shared = SharedPieces.around(chat, window, Clock.systemUTC()).withDedupe(usage.dedupe("chat"))
                    .withOwnUsage(own::describe);
            checkText = new ModelCheckText(config.openAi().baseUrl(), config.openAi().model());
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** The redacted form only: the ledger names the key that paid without holding it. */
    private PayingKey payingKey() {
        return new PayingKey(MAIN_KEY_NAME, RedactedKey.of(keys.current().secret().value()));
    }

    private static void tellSpendRules(SpendConfig spend) {
        if (!spend.fromFile()) {
            log.info("No ASKGATE_CONFIG: each user may have 2 questions answered at once (limits.user.concurrent), "
                    + "and no money or token limits apply");
        } else {
            log.info("Spend control: {} limit(s), {} admin(s)", spend.budgets().limits().size(), spend.admins().size());
        }
        if (!spend.keys().isEmpty()) {
            log.warn("ASKGATE_CONFIG keys: {} entries read and checked, but per-workspace keys are not used yet: "
                    + "every call is paid by OPENAI_API_KEY", spend.keys().size());
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
        meters.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
