package dev.askgate.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import dev.askgate.core.Caller;
import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.ChatService;
import dev.askgate.core.ChatConfig;
import dev.askgate.core.Conversation;
import dev.askgate.core.Platform;
import dev.askgate.core.ReplySink;
import dev.askgate.core.config.Settings;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.key.KeySource;
import dev.askgate.core.openai.OpenAiChatModel;
import dev.askgate.core.openai.OpenAiConfig;
import dev.askgate.core.usage.BudgetLimit;
import dev.askgate.core.usage.Budgets;
import dev.askgate.core.usage.BufferedLedger;
import dev.askgate.core.usage.MeteredSpending;
import dev.askgate.core.usage.PayingKey;
import dev.askgate.core.usage.PriceTable;
import dev.askgate.core.usage.RedactedKey;
import dev.askgate.core.usage.SpendRules;
import dev.askgate.core.usage.StoreHealth;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.testkit.openai.FakeOpenAi;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The real answer chain with spend control, as the launcher wires it: FakeOpenAi on a real socket, OpenAiChatModel,
 * ChatService with {@link MeteredSpending} on a real store and a {@link BufferedLedger}. One rig may build several
 * services (replicas) over several stores; closing it closes what it opened.
 */
final class SpendingRig implements AutoCloseable {
    static final String KEY = "sk-proj-FAKE0000spend0000key0000notreal";
    static final ChatConfig SETTINGS = new ChatConfig("gpt-6-luna", "Be brief.", 8000, 500);
    static final Caller ALICE = new Caller(Platform.SLACK, "T1", "C1", "U1");

    final FakeOpenAi fake = new FakeOpenAi();
    private final OkHttpClient http = new OkHttpClient();
    private final EncodingRegistry registry = Encodings.newLazyEncodingRegistry();
    private final List<AutoCloseable> opened = new ArrayList<>();
    private final KeySource keys;
    private final OpenAiChatModel model;

    SpendingRig() {
        Settings settings = new Settings(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", fake.baseUrl(),
                "OPENAI_MAX_RETRIES", "0"));
        OpenAiConfig config = OpenAiConfig.from(settings);
        try {
            keys = config.key().open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        model = new OpenAiChatModel(http, new ObjectMapper(), config, keys, Clock.systemUTC(), delay -> { });
    }

    /** A ledger that retries fast, so that an outage's end is seen within a test. */
    BufferedLedger ledger(UsageStore store) {
        var ledger = new BufferedLedger(store, 10_000, Duration.ofMillis(10), Duration.ofMillis(50));
        opened.add(ledger);
        return ledger;
    }

    ChatService service(UsageStore store, BufferedLedger ledger, StoreHealth health, BudgetLimit... limits) {
        return service(store, ledger, health, Set.of(), limits);
    }

    /** With {@code admin} ({@code slack:U1}) exempt from the user limits. */
    ChatService adminService(UsageStore store, BufferedLedger ledger, String admin, BudgetLimit... limits) {
        return service(store, ledger, new StoreHealth(), Set.of(admin), limits);
    }

    private ChatService service(UsageStore store, BufferedLedger ledger, StoreHealth health, Set<String> admins,
                                BudgetLimit... limits) {
        var rules = new SpendRules(new Budgets(List.of(limits)), PriceTable.defaults(), admins, Duration.ofMinutes(5));
        var spending = new MeteredSpending(store, ledger, rules, health,
                caller -> new PayingKey("main", RedactedKey.of(KEY)), Clock.systemUTC());
        return new ChatService(model, SETTINGS, new SecretGuard(), new ContextWindow(SETTINGS, registry),
                keys::appearsIn, spending);
    }

    static ChatOutcome ask(ChatService service, Caller caller, String question) {
        var request = new ChatRequest("req-" + UUID.randomUUID(), caller, Conversation.empty(), question);
        return service.ask(request, ReplySink.discarding());
    }

    private boolean closed;

    /** Safe to call twice (a subclass closes before dropping its schema, the contract again after). */
    @Override
    public void close() throws Exception {
        if (closed) return;
        closed = true;
        for (AutoCloseable closeable : opened) closeable.close();
        fake.close();
        keys.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
