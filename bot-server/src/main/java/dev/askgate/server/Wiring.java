package dev.askgate.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.Caller;
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
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;

/**
 * The shared pieces, built once with plain {@code new}, in order: the one HTTP client, the one JSON mapper,
 * the key source (the only holder of the OpenAI key), the model client, the context count, the chat service and
 * what every platform shares (workers, the edit timer, the dedupe store). Platforms are built from these in
 * {@link Platforms}. Closing it stops the workers, the timer, the key watcher and the HTTP client's threads.
 */
final class Wiring implements AutoCloseable {
    private final ObjectMapper json;
    private final OkHttpClient http;
    private final KeySource keys;
    private final ChatModel model;
    private final ContextWindow window;
    private final ChatService chat;
    private final SharedPieces shared;
    private final ModelCheckText checkText;
    private final ServerMeters meters = new ServerMeters();

    /** How the key source is opened from its configuration; tests wrap it to watch it being closed. */
    @FunctionalInterface
    interface KeyOpener {
        KeySource open(KeySpec spec) throws IOException;
    }

    Wiring(AskgateConfig config) throws IOException {
        this(config, KeySpec::open);
    }

    /** Opens the key source last but one; when anything after it fails, closes it again (its file watcher). */
    Wiring(AskgateConfig config, KeyOpener opener) throws IOException {
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
            model = new OpenAiChatModel(http, json, config.openAi(), keys, Clock.systemUTC(), Sleeper.real(),
                    meters.askgate());
            window = new ContextWindow(config.chat());
            chat = new ChatService(model, config.chat(), new SecretGuard(), window, keys::appearsIn, meters.askgate());
            shared = SharedPieces.around(chat, window, Clock.systemUTC()).withOwnUsage(ownUsage());
            checkText = new ModelCheckText(config.openAi().baseUrl(), config.openAi().model());
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
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

    /**
     * The words of {@code /ask usage} and {@code /usage}. This launcher opens no usage store yet, so they say that
     * usage is not recorded; with the store: {@code new OwnUsage(store, budgets, clock)::describe}.
     */
    Function<Caller, String> ownUsage() {
        return caller -> OwnUsage.UNTRACKED;
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
        keys.close();
        meters.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
