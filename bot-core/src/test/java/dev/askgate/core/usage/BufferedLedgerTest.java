package dev.askgate.core.usage;

import ch.qos.logback.classic.Level;
import dev.askgate.core.Usage;
import dev.askgate.core.testing.LogCapture;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class BufferedLedgerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private final FlakyStore store = new FlakyStore();

    private static LedgerRow row(int n) {
        return new LedgerRow(Instant.EPOCH.plusSeconds(n), "slack", "T1", "C1", "U" + n, "gpt-6-luna",
                new Usage(10, 0, 5), new BigDecimal("0.000004"), "answered", Duration.ofMillis(900), "req_" + n, "main",
                RedactedKey.of("sk-proj-FAKE0000000000000000abcd"));
    }

    private static List<LedgerRow> rows(int from, int to) {
        return IntStream.range(from, to).mapToObj(BufferedLedgerTest::row).toList();
    }

    @Test
    void rowsReachTheStoreInTheOrderTheyCame() throws InterruptedException {
        try (BufferedLedger ledger = new BufferedLedger(store, 100, Duration.ofMillis(1), Duration.ofMillis(10))) {
            rows(0, 20).forEach(ledger::record);
            assertThat(ledger.awaitFlushed(WAIT)).isTrue();
        }
        assertThat(store.rows()).isEqualTo(rows(0, 20));
    }

    @Test
    void whileTheStoreIsDownRowsWaitInTheBufferAndAreWrittenWhenItReturns() throws InterruptedException {
        try (BufferedLedger ledger = new BufferedLedger(store, 100, Duration.ofMillis(1), Duration.ofMillis(20))) {
            store.down();
            rows(0, 5).forEach(ledger::record);
            store.awaitFailures(3);

            assertThat(ledger.bufferedRows()).isEqualTo(5);
            assertThat(store.rows()).isEmpty();

            store.up();
            assertThat(ledger.awaitFlushed(WAIT)).isTrue();
            assertThat(ledger.bufferedRows()).isZero();
        }
        assertThat(store.rows()).isEqualTo(rows(0, 5));
    }

    @Test
    void aCloseDuringALongBackoffTriesOnceMoreAndWritesWhatTheStoreNowTakes() throws InterruptedException {
        BufferedLedger ledger = new BufferedLedger(store, 100, Duration.ofMinutes(5), Duration.ofMinutes(5));
        store.down();
        ledger.record(row(0));
        store.awaitFailures(1); // the writer now waits out a five-minute backoff
        store.up();

        try (LogCapture logs = LogCapture.start()) {
            ledger.close(Duration.ofSeconds(10));
            assertThat(logs.text()).doesNotContain("unwritten");
        }
        assertThat(store.rows()).containsExactly(row(0));
        assertThat(ledger.bufferedRows()).isZero();
    }

    @Test
    void aSettlementTheStoreMissedIsRetriedWithTheRowsSoTheCallStillCountsAgainstItsBudgets()
            throws InterruptedException {
        ReservationId id = new ReservationId("res-1");
        try (BufferedLedger ledger = new BufferedLedger(store, 100, Duration.ofMillis(1), Duration.ofMillis(20))) {
            store.down();
            ledger.record(row(0));
            ledger.settleLater(id, new Usage(10, 0, 5), new BigDecimal("0.000004"));
            store.awaitFailures(3);
            assertThat(ledger.bufferedRows()).isEqualTo(2);
            assertThat(store.settled()).isEmpty();

            store.up();
            assertThat(ledger.awaitFlushed(WAIT)).isTrue();
        }
        assertThat(store.rows()).containsExactly(row(0));
        assertThat(store.settled()).containsExactly(id);
    }

    @Test
    void aFullBufferDropsNewRowsAndSaysHowManyAtError() throws InterruptedException {
        try (LogCapture logs = LogCapture.start();
             BufferedLedger ledger = new BufferedLedger(store, 3, Duration.ofMillis(1), Duration.ofMillis(20))) {
            store.down();
            rows(0, 5).forEach(ledger::record);

            assertThat(ledger.droppedRows()).isEqualTo(2);
            assertThat(logs.events(Level.ERROR, "Ledger buffer full (3 rows)")).hasSize(1);

            store.up();
            assertThat(ledger.awaitFlushed(WAIT)).isTrue();
            assertThat(logs.events(Level.ERROR, "2 ledger rows were dropped")).hasSize(1);
        }
        assertThat(store.rows()).isEqualTo(rows(0, 3));
    }

    @Test
    void closingFlushesWhatIsBuffered() throws InterruptedException {
        BufferedLedger ledger = new BufferedLedger(store, 100, Duration.ofMillis(1), Duration.ofMillis(20));
        store.down();
        rows(0, 4).forEach(ledger::record);
        store.awaitFailures(1);
        store.up();

        ledger.close();

        assertThat(store.rows()).isEqualTo(rows(0, 4));
    }

    @Test
    void closingWhileTheStoreStaysDownLogsTheRowsLost() throws InterruptedException {
        try (LogCapture logs = LogCapture.start()) {
            BufferedLedger ledger = new BufferedLedger(store, 100, Duration.ofMillis(1), Duration.ofMillis(20));
            store.down();
            rows(0, 4).forEach(ledger::record);
            store.awaitFailures(1);

            ledger.close(Duration.ofMillis(50));

            assertThat(logs.events(Level.ERROR, "Ledger closed with 4 buffered rows unwritten")).hasSize(1);
        }
    }
}
