package dev.askgate.store;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatService;
import dev.askgate.core.Platform;
import dev.askgate.core.Refusal;
import dev.askgate.core.usage.BudgetLimit;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.Budgets;
import dev.askgate.core.usage.BufferedLedger;
import dev.askgate.core.usage.StoreHealth;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.core.usage.Usd;
import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spend control on a real store, through the real chat service and a real socket to FakeOpenAi: budgets hold under
 * 50 concurrent questions on one replica and on two, and nothing reaches the model that was refused.
 */
abstract class SpendingContract {
    /** Each call's worst case is its prompt plus 500 output tokens; its real use is 40 output tokens. */
    static final BigDecimal DAILY_USD = new BigDecimal("0.0015");
    static final BudgetLimit USER_DAILY = BudgetLimit.usd(BudgetScope.USER, BudgetMetric.USD_PER_DAY, DAILY_USD);
    static final int QUESTIONS = 50;

    protected final SpendingRig rig = new SpendingRig();
    private final List<UsageStore> opened = new ArrayList<>();

    /** A JDBC URL of an empty database, the same for every call within one test. */
    protected abstract String url();

    protected String user() {
        return "";
    }

    protected UsageStore open() {
        UsageStore store = UsageStores.open(url(), user(), "");
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeAll() throws Exception {
        rig.close();
        opened.forEach(UsageStore::close);
        opened.clear();
    }

    @Test
    void fiftyConcurrentQuestionsOnOneReplicaNeverSpendBeyondTheDailyBudget() throws Exception {
        rig.fake.replyAlways(FakeOpenAi.answer("four").usage(30, 40).firstTokenAfter(Duration.ofMillis(20)));
        UsageStore store = open();
        ChatService service = rig.service(store, rig.ledger(store), new StoreHealth(), USER_DAILY);

        List<ChatOutcome> outcomes = concurrently(List.of(service), QUESTIONS);

        assertBudgetHeld(store, outcomes);
    }

    @Test
    void twoReplicasOnOneDatabaseNeverSpendBeyondTheDailyBudgetTogether() throws Exception {
        rig.fake.replyAlways(FakeOpenAi.answer("four").usage(30, 40).firstTokenAfter(Duration.ofMillis(20)));
        UsageStore first = open();
        UsageStore second = open();
        ChatService one = rig.service(first, rig.ledger(first), new StoreHealth(), USER_DAILY);
        ChatService two = rig.service(second, rig.ledger(second), new StoreHealth(), USER_DAILY);

        List<ChatOutcome> outcomes = concurrently(List.of(one, two), QUESTIONS);

        assertBudgetHeld(first, outcomes);
    }

    @Test
    void aQuestionOverTheBudgetIsRefusedInWordsAndNeverReachesTheModel() {
        rig.fake.replyAlways(FakeOpenAi.answer("four").usage(30, 40));
        UsageStore store = open();
        BudgetLimit tiny = BudgetLimit.usd(BudgetScope.USER, BudgetMetric.USD_PER_DAY, new BigDecimal("0.0001"));
        ChatService service = rig.service(store, rig.ledger(store), new StoreHealth(), tiny);

        ChatOutcome outcome = SpendingRig.ask(service, SpendingRig.ALICE, "What is 2+2?");

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Refused.class, refused ->
                assertThat(refused.refusal()).isInstanceOfSatisfying(Refusal.OverBudget.class, over ->
                        assertThat(over.limit()).isEqualTo(tiny)));
        assertThat(rig.fake.chatRequests()).isEmpty();
    }

    @Test
    void theOutputCapReservedIsTheOneSentAsMaxCompletionTokens() {
        rig.fake.replyAlways(FakeOpenAi.answer("four").usage(30, 40));
        UsageStore store = open();
        ChatService service = rig.service(store, rig.ledger(store), new StoreHealth(), USER_DAILY);

        SpendingRig.ask(service, SpendingRig.ALICE, "What is 2+2?");

        assertThat(rig.fake.lastRequest().body().path("max_completion_tokens").asInt())
                .isEqualTo(SpendingRig.SETTINGS.maxOutputTokens());
    }

    @Test
    void anAdminIsNotHeldByUserLimitsButByTheGlobalOne() {
        // Exempt from limits.user, so only the global cap (one cent) counts.
        rig.fake.replyAlways(FakeOpenAi.answer("four").usage(30, 40));
        UsageStore store = open();
        var ledger = rig.ledger(store);
        BudgetLimit tinyUser = BudgetLimit.usd(BudgetScope.USER, BudgetMetric.USD_PER_DAY, new BigDecimal("0.0001"));
        BudgetLimit global = new BudgetLimit(BudgetScope.GLOBAL, BudgetMetric.REQUESTS_PER_MINUTE, 1);
        ChatService service = rig.adminService(store, ledger, "slack:U1", tinyUser, global);

        ChatOutcome first = SpendingRig.ask(service, SpendingRig.ALICE, "What is 2+2?");
        ChatOutcome second = SpendingRig.ask(service, SpendingRig.ALICE, "And 3+3?");

        assertThat(first).isInstanceOf(ChatOutcome.Answered.class);
        assertThat(second).isInstanceOfSatisfying(ChatOutcome.Refused.class, refused ->
                assertThat(refused.refusal()).isInstanceOfSatisfying(Refusal.OverBudget.class, over ->
                        assertThat(over.limit()).isEqualTo(global)));
        assertThat(rig.fake.chatRequests()).hasSize(1);
    }

    @Test
    void everyModelCallWritesOneLedgerRowExactEstimatedOrBrokenAndNoneHoldsTextOrTheKey() throws Exception {
        rig.fake.enqueue(FakeOpenAi.answer("four FAKE-answer-text").usage(30, 40),
                FakeOpenAi.answer("six FAKE-answer-text").withoutUsage(),
                FakeOpenAi.answer("eight is FAKE-answer-text").streamedInWords().cutAfter(2),
                FakeOpenAi.answer("ten FAKE-answer-text").cutAfter(0));
        UsageStore store = open();
        BufferedLedger ledger = rig.ledger(store);
        ChatService service = rig.service(store, ledger, new StoreHealth(), USER_DAILY);

        assertThat(SpendingRig.ask(service, SpendingRig.ALICE, "FAKE-question one?")).isInstanceOf(ChatOutcome.Answered.class);
        assertThat(SpendingRig.ask(service, SpendingRig.ALICE, "FAKE-question two?")).isInstanceOf(ChatOutcome.Answered.class);
        assertThat(SpendingRig.ask(service, SpendingRig.ALICE, "FAKE-question three?")).isInstanceOf(ChatOutcome.Failed.class);
        long threeCalls = store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, SpendingRig.ALICE.userKey());
        assertThat(SpendingRig.ask(service, SpendingRig.ALICE, "FAKE-question four?")).isInstanceOf(ChatOutcome.Failed.class);
        assertThat(ledger.awaitFlushed(Duration.ofSeconds(10))).isTrue();

        List<String> rows = ledgerRows();
        assertThat(rows).hasSize(4);
        assertThat(rows.get(0)).contains("outcome=answered", "prompt_tokens=30", "completion_tokens=40",
                "platform=slack", "workspace=T1", "channel=C1", "user_id=U1", "model=gpt-6-luna", "key_name=main",
                "key_redacted=sk-…real").containsPattern("estimated=(0|f|false)( |$)");
        assertThat(rows.get(1)).contains("outcome=answered").containsPattern("estimated=(1|t|true)( |$)");
        assertThat(rows.get(2)).contains("outcome=failed:StreamBroken").containsPattern("estimated=(1|t|true)( |$)");
        // A stream that broke before its first word: the prompt was sent, processed and billed.
        assertThat(rows.get(3)).contains("outcome=failed:StreamBroken", "completion_tokens=0")
                .containsPattern("prompt_tokens=[1-9]").containsPattern("estimated=(1|t|true)( |$)");
        assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, SpendingRig.ALICE.userKey()))
                .as("the fourth call's prompt is charged too").isGreaterThan(threeCalls);
        assertThat(String.join("\n", rows)).doesNotContain("FAKE-question", "FAKE-answer", SpendingRig.KEY,
                SpendingRig.KEY.substring(0, 20));
        assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, SpendingRig.ALICE.userKey()))
                .as("every call is charged").isPositive();
    }

    @Test
    void whileTheStoreIsDownMoneyIsClosedServiceOpenAndNoLedgerRowIsLost() throws Exception {
        rig.fake.replyAlways(FakeOpenAi.answer("four").usage(30, 40));
        OutageStore store = new OutageStore(open());
        BufferedLedger ledger = rig.ledger(store);
        StoreHealth health = new StoreHealth();
        BudgetLimit concurrent = new BudgetLimit(BudgetScope.USER, BudgetMetric.CONCURRENT, 2);
        ChatService service = rig.service(store, ledger, health, concurrent);
        ChatService metered = rig.service(store, ledger, health, USER_DAILY);

        assertThat(SpendingRig.ask(service, SpendingRig.ALICE, "Before?")).isInstanceOf(ChatOutcome.Answered.class);
        assertThat(ledger.awaitFlushed(Duration.ofSeconds(10))).isTrue();
        store.down();
        List<ChatOutcome> during = new ArrayList<>();
        for (int i = 0; i < 5; i++) during.add(SpendingRig.ask(service, SpendingRig.ALICE, "During?"));
        ChatOutcome money = SpendingRig.ask(metered, SpendingRig.ALICE, "Under a budget?");
        assertThat(health.up()).isFalse();
        // The questions that skipped the store while it was down did not restate the outage as a new one.
        assertThat(health.detail()).startsWith("down: ").doesNotContain("down: down:");
        assertThat(ledger.bufferedRows()).as("rows wait for the store").isEqualTo(5);
        store.up();
        assertThat(ledger.awaitFlushed(Duration.ofSeconds(10))).isTrue();

        assertThat(during).allMatch(ChatOutcome.Answered.class::isInstance);
        assertThat(money).isEqualTo(new ChatOutcome.Refused(new Refusal.SpendingUnknown()));
        assertThat(rig.fake.chatRequests()).as("the refused question never reached the model").hasSize(6);
        assertThat(ledgerRows()).as("one row per model call, none lost").hasSize(6);
        assertThat(ledger.droppedRows()).isZero();
    }

    @Test
    void whileTheStoreIsDownRequestLimitsStillHoldOnThisReplica() {
        rig.fake.replyAlways(FakeOpenAi.answer("four").usage(30, 40));
        OutageStore store = new OutageStore(open());
        BudgetLimit perMinute = new BudgetLimit(BudgetScope.USER, BudgetMetric.REQUESTS_PER_MINUTE, 2);
        ChatService service = rig.service(store, rig.ledger(store), new StoreHealth(), perMinute);
        store.down();

        List<ChatOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 6; i++) outcomes.add(SpendingRig.ask(service, SpendingRig.ALICE, "During?"));

        // Six questions in a few seconds: two per minute, four if a minute turned while they were asked.
        long answered = outcomes.stream().filter(ChatOutcome.Answered.class::isInstance).count();
        assertThat(answered).isBetween(2L, 4L);
        assertThat(outcomes).filteredOn(o -> !(o instanceof ChatOutcome.Answered))
                .allSatisfy(o -> assertThat(o).isInstanceOfSatisfying(ChatOutcome.Refused.class,
                        r -> assertThat(r.refusal()).isInstanceOf(Refusal.OverBudget.class)));
        assertThat(rig.fake.chatRequests()).as("refused questions never reached the model").hasSize((int) answered);
    }

    @Test
    void aCallWhoseSettlementMeetsAnOutageIsChargedWhatItUsedOnceTheStoreIsBack() throws Exception {
        rig.fake.replyAlways(FakeOpenAi.answer("four").usage(30, 40));
        OutageStore store = new OutageStore(open());
        BufferedLedger ledger = rig.ledger(store);
        ChatService metered = rig.service(store, ledger, new StoreHealth(), USER_DAILY);
        String alice = SpendingRig.ALICE.userKey();

        assertThat(SpendingRig.ask(metered, SpendingRig.ALICE, "Before?")).isInstanceOf(ChatOutcome.Answered.class);
        long oneCall = store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, alice);
        rig.fake.holdChatRequests();
        var asking = CompletableFuture.supplyAsync(() -> SpendingRig.ask(metered, SpendingRig.ALICE, "During?"));
        rig.fake.awaitRequests(2, Duration.ofSeconds(10)); // reserved: the call reached the model
        store.down();
        rig.fake.releaseChatRequests();
        assertThat(asking.get(10, TimeUnit.SECONDS)).isInstanceOf(ChatOutcome.Answered.class);
        assertThat(ledger.bufferedRows()).as("the row and the settlement wait for the store").isEqualTo(2);
        store.up();
        assertThat(ledger.awaitFlushed(Duration.ofSeconds(10))).isTrue();

        assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, alice))
                .as("both calls charged what they used: not the worst case held, not nothing").isEqualTo(2 * oneCall);
    }

    /** What was answered is what the model saw, and what the store counts is within the budget. */
    private void assertBudgetHeld(UsageStore store, List<ChatOutcome> outcomes) {
        long answered = outcomes.stream().filter(ChatOutcome.Answered.class::isInstance).count();
        long overBudget = outcomes.stream().filter(o -> o instanceof ChatOutcome.Refused refused
                && refused.refusal() instanceof Refusal.OverBudget).count();
        assertThat(answered + overBudget).as("every question answered or refused for the budget").isEqualTo(QUESTIONS);
        assertThat(answered).as("some questions fit the budget").isPositive();
        assertThat(overBudget).as("the budget ran out").isPositive();
        assertThat(rig.fake.chatRequests()).as("refused questions never reached the model").hasSize((int) answered);
        long spent = store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, SpendingRig.ALICE.userKey());
        assertThat(spent).as("nano-dollars spent").isLessThanOrEqualTo(Usd.toNanos(DAILY_USD)).isPositive();
    }

    /** {@code count} questions of one user at once, spread over {@code services} (replicas). */
    private static List<ChatOutcome> concurrently(List<ChatService> services, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<ChatOutcome>> asks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ChatService service = services.get(i % services.size());
                asks.add(() -> {
                    start.await();
                    return SpendingRig.ask(service, SpendingRig.ALICE, "What is 2+2?");
                });
            }
            List<Future<ChatOutcome>> futures = new ArrayList<>();
            for (Callable<ChatOutcome> ask : asks) futures.add(pool.submit(ask));
            start.countDown();
            List<ChatOutcome> outcomes = new ArrayList<>();
            for (Future<ChatOutcome> future : futures) outcomes.add(future.get());
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The ledger's rows as {@code column=value} text, to look for what must never be there. */
    protected List<String> ledgerRows() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url(), user(), "");
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM usage_ledger ORDER BY id")) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(result.getMetaData().getColumnName(i).toLowerCase()).append('=')
                            .append(result.getString(i)).append(' ');
                }
                rows.add(row.toString().strip());
            }
        }
        return rows;
    }
}
