package dev.askgate.store;

import dev.askgate.core.Usage;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.BufferedLedger;
import dev.askgate.core.usage.ReportGrouping;
import dev.askgate.core.usage.ReserveResult;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.core.usage.Usd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The store contract on PostgreSQL, each test in its own schema; and the store surviving its connections' loss. */
class PostgresUsageStoreTest extends UsageStoreContract {
    private PostgresSchema schema;

    @BeforeEach
    void createSchema() throws SQLException {
        schema = PostgresSchema.createOrSkip();
    }

    @AfterEach
    void dropSchema() throws SQLException {
        closeStores();
        if (schema != null) schema.close();
    }

    @Override
    protected String url() {
        return schema.url();
    }

    @Override
    protected String user() {
        return PostgresSchema.USER;
    }

    @Test
    void theStoreServesAgainAfterEveryConnectionOfItsPoolWasKilled() throws SQLException {
        UsageStore store = open();
        store.record(Rows.row(NOON, "U1", "gpt-6-luna", new Usage(1, 0, 1), "0.1"));
        assertThat(store.firstSighting("slack", "Ev1")).isTrue();

        assertThat(schema.terminateConnections()).isPositive();

        store.record(Rows.row(NOON, "U1", "gpt-6-luna", new Usage(1, 0, 1), "0.1"));
        assertThat(store.firstSighting("slack", "Ev1")).isFalse();
        assertThat(store.report(ReportGrouping.USER, NOON)).singleElement()
                .satisfies(line -> assertThat(line.requests()).isEqualTo(2));
    }

    @Test
    void settlingLocksTheCountersInTheOrderReservingLocksThem() throws Exception {
        // Reserving locks the user's counter, then the global one. Settling the other way round let a reservation
        // and a settlement deadlock, which PostgreSQL breaks only after its deadlock_timeout (1 s) with both
        // connections held: under 50 concurrent callers the pool ran dry.
        UsageStore store = open();
        long cap = Usd.toNanos(new BigDecimal("1"));
        var held = (ReserveResult.Reserved) store.reserve(Rows.request(
                Rows.charge(BudgetScope.GLOBAL, BudgetMetric.USD_PER_DAY, cap, "*", 1_000),
                Rows.charge(BudgetScope.USER, BudgetMetric.USD_PER_DAY, cap, "slack:T1:U1", 1_000)));
        ExecutorService settler = Executors.newSingleThreadExecutor();
        try (Connection blocker = DriverManager.getConnection(schema.url(), PostgresSchema.USER, "");
             Connection probe = DriverManager.getConnection(schema.url(), PostgresSchema.USER, "")) {
            blocker.setAutoCommit(false);
            try (var lock = blocker.prepareStatement("SELECT used FROM budget_counter WHERE scope = 'global' FOR UPDATE")) {
                lock.executeQuery().close();
            }
            Future<?> settling = settler.submit(() -> store.settle(held.id(), Usage.NONE, new BigDecimal("0.0000005")));

            // In the right order the settlement takes the user's counter first, then waits for the global one.
            assertThat(lockedWithin(probe, "user", Duration.ofSeconds(10))).isTrue();
            assertThat(settling).isNotDone();
            blocker.rollback();
            settling.get(10, TimeUnit.SECONDS);
        } finally {
            settler.shutdownNow();
        }
        assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, "slack:T1:U1")).isEqualTo(500);
    }

    /** Whether another transaction holds a row lock on {@code scope}'s counter, looked at until {@code wait} ends. */
    private static boolean lockedWithin(Connection probe, String scope, Duration wait) throws Exception {
        long until = System.nanoTime() + wait.toNanos();
        do {
            try (var look = probe.prepareStatement("SELECT used FROM budget_counter WHERE scope = ? FOR UPDATE NOWAIT")) {
                look.setString(1, scope);
                look.executeQuery().close(); // auto-committed: a lock it takes is given back at once
            } catch (SQLException e) {
                if ("55P03".equals(e.getSQLState())) return true; // lock_not_available
                throw e;
            }
            Thread.sleep(20);
        } while (System.nanoTime() < until);
        return false;
    }

    @Test
    void noLedgerRowIsLostWhileTheDatabaseConnectionsAreKilledMidRun() throws Exception {
        UsageStore store = open();
        int rows = 300;
        try (BufferedLedger ledger = new BufferedLedger(store, 1_000, Duration.ofMillis(5), Duration.ofMillis(200))) {
            for (int i = 0; i < rows; i++) {
                ledger.record(Rows.row(NOON.plusMillis(i), "U" + i % 3, "gpt-6-luna", new Usage(1, 0, 1), "0.001"));
                if (i % 100 == 50) schema.terminateConnections();
            }
            assertThat(ledger.awaitFlushed(Duration.ofMinutes(1))).isTrue();
            assertThat(ledger.droppedRows()).isZero();
        }
        long stored = store.report(ReportGrouping.WORKSPACE, Instant.EPOCH).get(0).requests();
        assertThat(stored).isEqualTo(rows);
    }
}
