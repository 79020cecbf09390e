package dev.askgate.store;

import dev.askgate.core.Usage;
import com.zaxxer.hikari.HikariDataSource;
import dev.askgate.core.usage.BudgetCharge;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.FeedbackLine;
import dev.askgate.core.usage.ReportGrouping;
import dev.askgate.core.usage.ReportLine;
import dev.askgate.core.usage.ReservationId;
import dev.askgate.core.usage.ReserveResult;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.core.usage.UsageStoreException;
import dev.askgate.core.usage.Usd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static dev.askgate.core.usage.AnswerFeedback.Vote.DOWN;
import static dev.askgate.core.usage.AnswerFeedback.Vote.UP;
import static dev.askgate.store.Rows.answer;
import static dev.askgate.store.Rows.charge;
import static dev.askgate.store.Rows.request;
import static dev.askgate.store.Rows.row;
import static dev.askgate.store.Rows.vote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link UsageStore} must do, run against each database by a subclass that says how to reach a fresh,
 * empty one: the behaviour one caller sees, budget races (50 callers on one store, and on two stores = two
 * replicas), and schema migrations.
 */
abstract class UsageStoreContract {
    static final Instant NOON = Instant.parse("2026-12-01T12:00:00Z");

    protected final MutableClock clock = new MutableClock(NOON);
    private final List<UsageStore> opened = new ArrayList<>();

    /** A JDBC URL of an empty database, the same for every call within one test. */
    protected abstract String url();

    protected String user() {
        return "";
    }

    protected String password() {
        return "";
    }

    protected UsageStore open() {
        UsageStore store = UsageStores.open(url(), user(), password(),
                new StoreSettings(clock, Duration.ofHours(1), 8));
        opened.add(store);
        return store;
    }

    /** A plain connection beside the store's pool, to look at the tables themselves. */
    protected Connection raw() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    @AfterEach
    void closeStores() {
        opened.forEach(UsageStore::close);
        opened.clear();
    }

    @Test
    void ledgerRowsAreSummedPerUserModelAndKey() {
        UsageStore store = open();
        store.record(row(NOON, "U1", "gpt-6-luna", new Usage(100, 20, 5, 50, 10, false), "0.000100"));
        store.record(row(NOON, "U1", "gpt-6.1-sol", new Usage(200, 0, 0, 100, 0, false), "0.002000"));
        store.record(row(NOON, "U2", "gpt-6-luna", Usage.estimated(10, 5), "0.000004"));

        assertThat(store.report(ReportGrouping.USER, NOON.minusSeconds(60))).containsExactly(
                new ReportLine("slack:U1", 2, 300, 20, 5, 150, 10, new BigDecimal("0.002100000"), 0),
                new ReportLine("slack:U2", 1, 10, 0, 0, 5, 0, new BigDecimal("0.000004000"), 1));
        assertThat(store.report(ReportGrouping.MODEL, NOON)).extracting(ReportLine::group, ReportLine::requests)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("gpt-6.1-sol", 1L),
                        org.assertj.core.groups.Tuple.tuple("gpt-6-luna", 2L));
        assertThat(store.report(ReportGrouping.KEY, NOON)).extracting(ReportLine::group).containsExactly("main sk-…0123");
        assertThat(store.report(ReportGrouping.CHANNEL, NOON)).extracting(ReportLine::group).containsExactly("slack:T1:C1");
        assertThat(store.report(ReportGrouping.WORKSPACE, NOON)).extracting(ReportLine::requests).containsExactly(3L);
    }

    @Test
    void aReportCountsOnlyRowsSinceItsStart() {
        UsageStore store = open();
        store.record(row(NOON.minus(Duration.ofDays(8)), "U1", "gpt-6-luna", new Usage(1, 0, 1), "0.1"));
        store.record(row(NOON, "U1", "gpt-6-luna", new Usage(2, 0, 2), "0.2"));

        assertThat(store.report(ReportGrouping.USER, NOON.minus(Duration.ofDays(7))))
                .singleElement().satisfies(line -> assertThat(line.costUsd()).isEqualByComparingTo("0.2"));
        assertThat(store.oldestRow()).contains(NOON.minus(Duration.ofDays(8)));
    }

    @Test
    void pruningDeletesRowsOlderThanTheRetentionOnly() {
        UsageStore store = open();
        store.record(row(NOON.minus(Duration.ofDays(401)), "U1", "gpt-6-luna", new Usage(1, 0, 1), "0.1"));
        store.record(row(NOON.minus(Duration.ofDays(399)), "U1", "gpt-6-luna", new Usage(1, 0, 1), "0.1"));

        assertThat(store.prune(Duration.ofDays(400))).isEqualTo(1);
        assertThat(store.prune(Duration.ofDays(400))).isZero();
        assertThat(store.oldestRow()).contains(NOON.minus(Duration.ofDays(399)));
    }

    @Test
    void aReservationHoldsItsWorstCaseUntilSettledWithWhatWasReallyUsed() {
        UsageStore store = open();
        var result = store.reserve(request(
                charge(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, 10_000, "slack:T1:U1", 3_000),
                charge(BudgetScope.GLOBAL, BudgetMetric.USD_PER_DAY, Usd.toNanos(new BigDecimal("1")), "*",
                        Usd.toNanos(new BigDecimal("0.05")))));

        var reserved = (ReserveResult.Reserved) result;
        assertThat(reserved.expiresAt()).isEqualTo(NOON.plus(Duration.ofMinutes(5)));
        assertThat(store.used(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, "slack:T1:U1")).isEqualTo(3_000);
        assertThat(store.used(BudgetScope.GLOBAL, BudgetMetric.USD_PER_DAY, "*")).isEqualTo(50_000_000);

        store.settle(reserved.id(), new Usage(1_000, 0, 200), new BigDecimal("0.0012"));

        assertThat(store.used(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, "slack:T1:U1")).isEqualTo(1_200);
        assertThat(store.used(BudgetScope.GLOBAL, BudgetMetric.USD_PER_DAY, "*")).isEqualTo(1_200_000);
    }

    @Test
    void aReservationOverAnyLimitIsRefusedWithThatLimitAndHoldsNothing() {
        UsageStore store = open();
        long dollar = Usd.toNanos(BigDecimal.ONE);
        store.settle(((ReserveResult.Reserved) store.reserve(request(
                charge(BudgetScope.USER, BudgetMetric.USD_PER_DAY, dollar, "slack:T1:U1", dollar / 2)))).id(),
                Usage.NONE, new BigDecimal("0.90"));

        var result = store.reserve(request(
                charge(BudgetScope.GLOBAL, BudgetMetric.TOKENS_PER_DAY, 1_000_000, "*", 500),
                charge(BudgetScope.USER, BudgetMetric.USD_PER_DAY, dollar, "slack:T1:U1", dollar / 5)));

        assertThat(result).isInstanceOfSatisfying(ReserveResult.Refused.class, refused -> {
            assertThat(refused.limit().path()).isEqualTo("limits.user.usd_per_day");
            assertThat(refused.subject()).isEqualTo("slack:T1:U1");
            assertThat(Usd.fromNanos(refused.used())).isEqualByComparingTo("0.90");
            assertThat(refused.resetsAt()).isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
        });
        assertThat(store.used(BudgetScope.GLOBAL, BudgetMetric.TOKENS_PER_DAY, "*")).isZero();
    }

    @Test
    void aMonthlyLimitResetsOnTheFirstOfTheNextMonthAndADailyOneAtMidnight() {
        UsageStore store = open();
        var monthly = charge(BudgetScope.WORKSPACE, BudgetMetric.USD_PER_MONTH, 10, "slack:T1", 10);
        var daily = charge(BudgetScope.WORKSPACE, BudgetMetric.TOKENS_PER_DAY, 10, "slack:T1", 10);
        store.settle(((ReserveResult.Reserved) store.reserve(request(monthly, daily))).id(), new Usage(5, 0, 5), Usd.fromNanos(10));

        assertThat(((ReserveResult.Refused) store.reserve(request(monthly))).resetsAt())
                .isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(((ReserveResult.Refused) store.reserve(request(daily))).resetsAt())
                .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));

        clock.set(Instant.parse("2026-12-02T00:00:01Z"));
        assertThat(store.reserve(request(daily))).isInstanceOf(ReserveResult.Reserved.class);
        assertThat(store.reserve(request(monthly))).isInstanceOf(ReserveResult.Refused.class);
        clock.set(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(store.reserve(request(monthly))).isInstanceOf(ReserveResult.Reserved.class);
    }

    @Test
    void requestsPerMinuteCountAndTheNextMinuteStartsAfresh() {
        UsageStore store = open();
        var perMinute = charge(BudgetScope.USER, BudgetMetric.REQUESTS_PER_MINUTE, 2, "slack:T1:U1", 1);
        for (int i = 0; i < 2; i++) {
            store.settle(((ReserveResult.Reserved) store.reserve(request(perMinute))).id(), new Usage(1, 0, 1), BigDecimal.ZERO);
        }
        assertThat(((ReserveResult.Refused) store.reserve(request(perMinute))).resetsAt())
                .isEqualTo(Instant.parse("2026-12-01T12:01:00Z"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(store.reserve(request(perMinute))).isInstanceOf(ReserveResult.Reserved.class);
    }

    @Test
    void aConcurrentSlotIsGivenBackWhenTheCallEndsAndARefusalSaysWhenOneFreesAtTheLatest() {
        UsageStore store = open();
        var slot = charge(BudgetScope.USER, BudgetMetric.CONCURRENT, 1, "slack:T1:U1", 1);
        var first = (ReserveResult.Reserved) store.reserve(request(slot));

        assertThat(((ReserveResult.Refused) store.reserve(request(slot))).resetsAt()).isEqualTo(first.expiresAt());
        store.settle(first.id(), new Usage(10, 0, 10), BigDecimal.ZERO);
        var second = (ReserveResult.Reserved) store.reserve(request(slot));
        store.release(second.id());
        assertThat(store.used(BudgetScope.USER, BudgetMetric.CONCURRENT, "slack:T1:U1")).isZero();
    }

    @Test
    void aReleaseChargesNothingAndFinishingTwiceCountsOnce() {
        UsageStore store = open();
        var tokens = charge(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, 10_000, "slack:T1:U1", 4_000);
        var released = (ReserveResult.Reserved) store.reserve(request(tokens));
        store.release(released.id());
        store.release(released.id());
        store.settle(released.id(), new Usage(100, 0, 100), BigDecimal.ONE);
        assertThat(store.used(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, "slack:T1:U1")).isZero();

        var settled = (ReserveResult.Reserved) store.reserve(request(tokens));
        store.settle(settled.id(), new Usage(100, 0, 100), BigDecimal.ONE);
        store.settle(settled.id(), new Usage(100, 0, 100), BigDecimal.ONE);
        store.release(settled.id());
        assertThat(store.used(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, "slack:T1:U1")).isEqualTo(200);
    }

    @Test
    void anExpiredReservationStopsHoldingButALateSettleStillChargesTheSpend() {
        UsageStore store = open();
        var tokens = charge(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, 10_000, "slack:T1:U1", 8_000);
        var orphan = (ReserveResult.Reserved) store.reserve(request(tokens));
        assertThat(store.reserve(request(tokens))).isInstanceOf(ReserveResult.Refused.class);

        clock.advance(Duration.ofMinutes(6));
        var next = (ReserveResult.Reserved) store.reserve(request(tokens));
        store.release(next.id());
        assertThat(store.used(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, "slack:T1:U1")).isZero();

        store.settle(orphan.id(), new Usage(500, 0, 500), BigDecimal.ZERO);
        assertThat(store.used(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, "slack:T1:U1")).isEqualTo(1_000);
    }

    @Test
    void resettingAUserClearsTodayAndThisMonthForThatUserOnlyAndTwiceIsOnce() {
        UsageStore store = open();
        long dollar = Usd.toNanos(BigDecimal.ONE);
        var user = charge(BudgetScope.USER, BudgetMetric.USD_PER_DAY, dollar, "slack:T1:U1", 1);
        var userMonth = charge(BudgetScope.USER, BudgetMetric.USD_PER_MONTH, dollar, "slack:T1:U1", 1);
        var other = charge(BudgetScope.USER, BudgetMetric.USD_PER_DAY, dollar, "slack:T1:U2", 1);
        var global = charge(BudgetScope.GLOBAL, BudgetMetric.USD_PER_DAY, 10 * dollar, "*", 1);
        for (var charges : List.of(List.of(user, userMonth, global), List.of(other, global))) {
            var held = (ReserveResult.Reserved) store.reserve(new dev.askgate.core.usage.ReservationRequest(charges, Duration.ofMinutes(5)));
            store.settle(held.id(), new Usage(1, 0, 1), new BigDecimal("0.75"));
        }

        store.resetUser("slack:T1:U1");
        store.resetUser("slack:T1:U1");

        assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, "slack:T1:U1")).isZero();
        assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_MONTH, "slack:T1:U1")).isZero();
        assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, "slack:T1:U2")).isEqualTo(dollar * 3 / 4);
        assertThat(store.used(BudgetScope.GLOBAL, BudgetMetric.USD_PER_DAY, "*")).isEqualTo(dollar * 3 / 2);
    }

    @Test
    void anEventIdIsFirstSeenOncePerPlatformUntilItExpires() {
        UsageStore store = open();
        assertThat(store.firstSighting("slack", "Ev1")).isTrue();
        assertThat(store.firstSighting("slack", "Ev1")).isFalse();
        assertThat(store.firstSighting("discord", "Ev1")).isTrue();

        clock.advance(Duration.ofMinutes(61));
        assertThat(store.firstSighting("slack", "Ev1")).isTrue();
        assertThat(store.firstSighting("slack", "Ev1")).isFalse();
    }

    @Test
    void aSecondStoreOnTheSameDatabaseSeesTheSameIdsAndBudgets() {
        UsageStore one = open();
        UsageStore two = open();
        assertThat(one.firstSighting("slack", "Ev9")).isTrue();
        assertThat(two.firstSighting("slack", "Ev9")).isFalse();

        var slot = charge(BudgetScope.GLOBAL, BudgetMetric.CONCURRENT, 1, "*", 1);
        assertThat(one.reserve(request(slot))).isInstanceOf(ReserveResult.Reserved.class);
        assertThat(two.reserve(request(slot))).isInstanceOf(ReserveResult.Refused.class);
    }

    @Test
    void noColumnOfALedgerRowHoldsMoreOfTheKeyThanItsRedactedForm() throws SQLException {
        open().record(row(NOON, "U1", "gpt-6-luna", new Usage(1, 0, 1), "0.1"));

        List<String> values = new ArrayList<>();
        try (Connection connection = raw(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM usage_ledger")) {
            while (rows.next()) {
                for (int column = 1; column <= rows.getMetaData().getColumnCount(); column++) {
                    values.add(String.valueOf(rows.getObject(column)));
                }
            }
        }
        assertThat(values).contains("sk-…0123");
        String secretPart = Rows.FAKE_KEY.substring(0, Rows.FAKE_KEY.length() - 4);
        for (String value : values) {
            for (int start = 0; start + 5 <= secretPart.length(); start++) {
                String piece = secretPart.substring(start, start + 5);
                if (piece.startsWith("sk-")) continue;
                assertThat(value).as("a ledger column").doesNotContain(piece);
            }
        }
    }

    @Test
    void aCallUsingMoreThanItsEstimateOvershootsByThatDifferenceOnlyAndThenTheBudgetIsShut() {
        UsageStore store = open();
        var tokens = charge(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, 10_000, "slack:T1:U1", 1_000);
        for (int i = 0; i < 10; i++) {
            var held = (ReserveResult.Reserved) store.reserve(request(tokens));
            store.settle(held.id(), new Usage(i == 9 ? 1_000 : 800, 0, 200), BigDecimal.ZERO);
        }

        assertThat(store.used(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, "slack:T1:U1")).isEqualTo(10_200);
        assertThat(store.reserve(request(charge(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, 10_000, "slack:T1:U1", 0))))
                .isInstanceOf(ReserveResult.Refused.class);
    }

    @Test
    void fiftyConcurrentCallsNeverHoldMoreThanTheLimit() throws Exception {
        UsageStore store = open();
        var tokens = charge(BudgetScope.GLOBAL, BudgetMetric.TOKENS_PER_DAY, 10_000, "*", 1_000);

        int admitted = race(thread -> store, thread -> List.of(tokens), 3, thread -> new Usage(800, 0, 200));

        assertThat(admitted).isEqualTo(10);
        assertThat(store.used(BudgetScope.GLOBAL, BudgetMetric.TOKENS_PER_DAY, "*")).isEqualTo(10_000);
    }

    @Test
    void fiftyConcurrentCallsSpendingLessThanTheirEstimateStayWithinEveryBudget() throws Exception {
        UsageStore store = open();
        long cap = Usd.toNanos(new BigDecimal("0.01"));
        long worstCase = Usd.toNanos(new BigDecimal("0.001"));
        IntFunction<List<BudgetCharge>> charges = thread -> List.of(
                charge(BudgetScope.USER, BudgetMetric.USD_PER_DAY, cap, "slack:T1:U" + thread % 7, worstCase),
                charge(BudgetScope.GLOBAL, BudgetMetric.USD_PER_DAY, cap, "*", worstCase));

        int admitted = race(thread -> store, charges, 4, thread -> Usage.NONE);

        long spent = store.used(BudgetScope.GLOBAL, BudgetMetric.USD_PER_DAY, "*");
        assertThat(spent).isLessThanOrEqualTo(cap).isEqualTo(admitted * (worstCase * 3 / 4));
        assertThat(admitted).isGreaterThanOrEqualTo(10);
    }

    @Test
    void twoStoresOnOneDatabaseHoldOneBudgetTogether() throws Exception {
        List<UsageStore> replicas = List.of(open(), open());
        var tokens = charge(BudgetScope.WORKSPACE, BudgetMetric.TOKENS_PER_DAY, 20_000, "slack:T1", 1_000);

        int admitted = race(thread -> replicas.get(thread % 2), thread -> List.of(tokens), 3, thread -> new Usage(900, 0, 100));

        assertThat(admitted).isEqualTo(20);
        assertThat(replicas.get(0).used(BudgetScope.WORKSPACE, BudgetMetric.TOKENS_PER_DAY, "slack:T1")).isEqualTo(20_000);
    }

    /**
     * 50 threads released at once, each trying {@code attempts} calls: reserve, and when held, settle with
     * {@code real} (costing three quarters of the worst case) at once. Returns how many calls were admitted.
     */
    private static int race(IntFunction<UsageStore> storeOf, IntFunction<List<BudgetCharge>> chargesOf, int attempts,
                            IntFunction<Usage> real) throws Exception {
        int threads = 50;
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Void> caller = () -> {
                    UsageStore store = storeOf.apply(thread);
                    List<BudgetCharge> charges = chargesOf.apply(thread);
                    long worstCase = charges.get(0).amount();
                    start.await();
                    for (int i = 0; i < attempts; i++) {
                        if (store.reserve(new dev.askgate.core.usage.ReservationRequest(charges, Duration.ofMinutes(5)))
                                instanceof ReserveResult.Reserved held) {
                            admitted.incrementAndGet();
                            store.settle(held.id(), real.apply(thread), Usd.fromNanos(worstCase * 3 / 4));
                        }
                    }
                    return null;
                };
                done.add(pool.submit(caller));
            }
            start.countDown();
            for (Future<Void> each : done) each.get();
        } finally {
            pool.shutdownNow();
        }
        return admitted.get();
    }

    @Test
    void anEmptyDatabaseIsMigratedToTheNewestSchema() throws SQLException {
        open();
        assertThat(appliedVersions()).containsExactly("1", "2", "3", "4");
        assertThat(history()).as("Flyway's history of the shipped migrations, which NewestSchema must list exactly")
                .isEqualTo(NewestSchema.of(dialect()));
    }

    @Test
    void aRestartOnTheNewestSchemaNeedsNoFlyway() throws SQLException {
        open().close();
        try (HikariDataSource pool = Pools.open(StoreUrl.parse(url()).orElseThrow(), user(), password(),
                StoreSettings.defaults())) {
            assertThat(Migrations.migrate(pool, dialect())).isEqualTo(new Migrations.AlreadyNewest());
        }
        UsageStore store = open();
        store.record(row(NOON, "U1", "gpt-6-luna", new Usage(1, 0, 1), "0.1"));
        assertThat(store.report(ReportGrouping.USER, NOON)).hasSize(1);
    }

    @Test
    void aHistoryThatDiffersFromTheShippedMigrationsIsLeftToFlywaysValidation() throws SQLException {
        open().close();
        try (Connection connection = raw(); Statement change = connection.createStatement()) {
            change.executeUpdate("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");
        }
        assertThatThrownBy(this::open).isInstanceOf(UsageStoreException.class)
                .hasMessageContaining("cannot be opened").hasMessageContaining("checksum mismatch for migration version 2");
    }

    @Test
    void anOlderSchemaIsMigratedByFlywayAtTheNextStart() throws SQLException {
        StoreUrl parsed = StoreUrl.parse(url()).orElseThrow();
        try (HikariDataSource pool = Pools.open(parsed, user(), password(), StoreSettings.defaults())) {
            assertThat(Migrations.migrate(pool, parsed.dialect(), "2")).isEqualTo(new Migrations.Migrated(2));
            assertThat(Migrations.migrate(pool, parsed.dialect())).isEqualTo(new Migrations.Migrated(2));
            assertThat(Migrations.migrate(pool, parsed.dialect())).isEqualTo(new Migrations.AlreadyNewest());
        }
    }

    @Test
    void aVersionOneDatabaseWithRowsIsMigratedKeepingThem() throws SQLException {
        StoreUrl parsed = StoreUrl.parse(url()).orElseThrow();
        try (HikariDataSource pool = Pools.open(parsed, user(), password(), StoreSettings.defaults())) {
            Migrations.migrate(pool, parsed.dialect(), "1");
            try (Connection connection = pool.getConnection(); Statement insert = connection.createStatement()) {
                // Version 1's columns, as a store of that version wrote them.
                insert.executeUpdate("INSERT INTO usage_ledger (at_ms, platform, workspace, channel, user_id, model,"
                        + " prompt_tokens, cached_tokens, cache_write_tokens, completion_tokens, reasoning_tokens,"
                        + " estimated, cost_nano_usd, outcome, latency_ms, request_id, key_name, key_redacted) VALUES ("
                        + NOON.toEpochMilli() + ", 'slack', 'T1', 'C1', 'U1', 'gpt-6-luna', 7, 0, 0, 3, 0, FALSE,"
                        + " 500000000, 'answered', 1234, 'req_FAKE1', 'main', 'sk-…0123')");
            }
        }
        assertThat(appliedVersions()).containsExactly("1");

        UsageStore store = open();

        assertThat(appliedVersions()).containsExactly("1", "2", "3", "4");
        assertThat(store.report(ReportGrouping.USER, NOON)).singleElement()
                .satisfies(line -> assertThat(line.promptTokens()).isEqualTo(7));
        assertThat(store.firstSighting("slack", "Ev1")).isTrue();
        store.recordFeedback(vote(NOON, "U2", "a1b2c3d4e5f6", UP));
        assertThat(store.feedbackReport(NOON)).as("an old row has no Askgate request id to join")
                .containsExactly(new FeedbackLine("", 1, 0));
    }

    @Test
    void aVersionThreeDatabaseKeepsOneUserBudgetPerPersonAddingUpTheirWorkspacesAndDirectMessages() throws SQLException {
        long today = BudgetMetric.USD_PER_DAY.period().start(NOON).toEpochMilli();
        StoreUrl parsed = StoreUrl.parse(url()).orElseThrow();
        try (HikariDataSource pool = Pools.open(parsed, user(), password(), StoreSettings.defaults())) {
            Migrations.migrate(pool, parsed.dialect(), "3");
            try (Connection connection = pool.getConnection(); Statement insert = connection.createStatement()) {
                // Version 3's subjects: a user's counter per workspace, and one more for their direct messages.
                insert.executeUpdate("INSERT INTO budget_counter (scope, subject, metric, period_start_ms, used, held)"
                        + " VALUES ('user', 'slack:T1:U1', 'usd_per_day', " + today + ", 300, 100),"
                        + " ('user', 'slack::U1', 'usd_per_day', " + today + ", 200, 0),"
                        + " ('user', 'slack:T1:U2', 'usd_per_day', " + today + ", 50, 0),"
                        + " ('user', 'terminal::ops:night', 'usd_per_day', " + today + ", 7, 0),"
                        + " ('channel', 'slack:T1:C1', 'usd_per_day', " + today + ", 400, 0)");
                insert.executeUpdate("INSERT INTO reservation (id, expires_at_ms, holding) VALUES ('r-open', "
                        + NOON.plusSeconds(600).toEpochMilli() + ", TRUE)");
                insert.executeUpdate("INSERT INTO reservation_hold (reservation_id, scope, subject, metric,"
                        + " period_start_ms, amount) VALUES ('r-open', 'user', 'slack:T1:U1', 'usd_per_day', "
                        + today + ", 100)");
            }
        }

        UsageStore store = open();

        assertThat(appliedVersions()).containsExactly("1", "2", "3", "4");
        assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, "slack:U1")).as("300 + 100 held + 200")
                .isEqualTo(600);
        assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, "slack:T1:U1")).isZero();
        assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, "slack::U1")).isZero();
        assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, "slack:U2")).isEqualTo(50);
        assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, "terminal:ops:night"))
                .as("a user id with a colon is kept whole").isEqualTo(7);
        assertThat(store.used(BudgetScope.CHANNEL, BudgetMetric.USD_PER_DAY, "slack:T1:C1"))
                .as("only user subjects change").isEqualTo(400);

        store.settle(new ReservationId("r-open"), new Usage(1, 0, 1), new BigDecimal("0.000000040"));
        assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, "slack:U1"))
                .as("the reservation held before the upgrade settles on the merged counter: 500 + 40")
                .isEqualTo(540);
    }

    @Test
    void aPersonsChangedVoteReplacesTheirEarlierOneAndVotesCountPerModelOfTheAnswer() {
        UsageStore store = open();
        store.record(answer(NOON, "gpt-6-luna", "a00000000001"));
        store.record(answer(NOON, "gpt-6.1-sol", "a00000000002"));
        store.recordFeedback(vote(NOON, "U1", "a00000000001", UP));
        store.recordFeedback(vote(NOON.plusSeconds(1), "U1", "a00000000001", UP)); // the same click seen twice
        store.recordFeedback(vote(NOON, "U2", "a00000000001", UP));
        store.recordFeedback(vote(NOON.plusSeconds(5), "U2", "a00000000001", DOWN)); // changed their mind
        store.recordFeedback(vote(NOON, "U1", "a00000000002", DOWN));

        assertThat(store.feedbackReport(NOON.minusSeconds(60))).containsExactly(
                new FeedbackLine("gpt-6-luna", 1, 1),
                new FeedbackLine("gpt-6.1-sol", 0, 1));
    }

    @Test
    void aLateDeliveryOfAnOlderVoteDoesNotUndoTheNewerOne() {
        UsageStore store = open();
        store.record(answer(NOON, "gpt-6-luna", "a00000000001"));
        store.recordFeedback(vote(NOON.plusSeconds(10), "U1", "a00000000001", DOWN));
        store.recordFeedback(vote(NOON, "U1", "a00000000001", UP));

        assertThat(store.feedbackReport(NOON)).containsExactly(new FeedbackLine("gpt-6-luna", 0, 1));
    }

    @Test
    void anAnswerWithSeveralCallsCountsOnceAndOneWithoutALedgerRowHasNoModel() {
        UsageStore store = open();
        store.record(answer(NOON, "gpt-6-luna", "a00000000001"));
        store.record(answer(NOON.plusSeconds(1), "gpt-6-luna", "a00000000001"));
        store.recordFeedback(vote(NOON, "U1", "a00000000001", UP));
        store.recordFeedback(vote(NOON, "U1", "a0000000ffff", UP));
        store.recordFeedback(vote(NOON.minus(Duration.ofDays(2)), "U1", "a00000000003", DOWN));

        assertThat(store.feedbackReport(NOON.minus(Duration.ofDays(1)))).containsExactlyInAnyOrder(
                new FeedbackLine("gpt-6-luna", 1, 0),
                new FeedbackLine("", 1, 0));
    }

    @Test
    void pruningDeletesVotesOlderThanTheRetention() {
        UsageStore store = open();
        store.recordFeedback(vote(NOON.minus(Duration.ofDays(401)), "U1", "a00000000001", UP));
        store.recordFeedback(vote(NOON.minus(Duration.ofDays(399)), "U1", "a00000000002", DOWN));

        store.prune(Duration.ofDays(400));

        assertThat(store.feedbackReport(Instant.EPOCH)).containsExactly(new FeedbackLine("", 0, 1));
    }

    private Dialect dialect() {
        return StoreUrl.parse(url()).orElseThrow().dialect();
    }

    private List<AppliedMigration> history() throws SQLException {
        List<AppliedMigration> rows = new ArrayList<>();
        try (Connection connection = raw(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT version, script, checksum, success FROM flyway_schema_history ORDER BY installed_rank")) {
            while (result.next()) {
                rows.add(new AppliedMigration(result.getString(1), result.getString(2), result.getInt(3),
                        result.getBoolean(4)));
            }
        }
        return rows;
    }

    private List<String> appliedVersions() throws SQLException {
        List<String> versions = new ArrayList<>();
        try (Connection connection = raw(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT version FROM flyway_schema_history WHERE success = TRUE ORDER BY installed_rank")) {
            while (rows.next()) versions.add(rows.getString(1));
        }
        return versions;
    }
}
