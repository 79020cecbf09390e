package dev.askgate.store;

import dev.askgate.core.Usage;
import dev.askgate.core.usage.BufferedLedger;
import dev.askgate.core.usage.ReportGrouping;
import dev.askgate.core.usage.UsageStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

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
