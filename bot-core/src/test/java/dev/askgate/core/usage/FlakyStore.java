package dev.askgate.core.usage;

import dev.askgate.core.Usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/** A store whose ledger writes and settlements fail while the test says it is down; it keeps what it took, in order. */
final class FlakyStore implements UsageStore {
    private final List<LedgerRow> rows = new ArrayList<>();
    private final List<ReservationId> settled = new ArrayList<>();
    private final Semaphore failures = new Semaphore(0);
    private volatile boolean down;

    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    /** Waits until a write has failed {@code count} more times: the buffer has really met the outage. */
    void awaitFailures(int count) throws InterruptedException {
        failures.acquire(count);
    }

    synchronized List<LedgerRow> rows() {
        return List.copyOf(rows);
    }

    synchronized List<ReservationId> settled() {
        return List.copyOf(settled);
    }

    @Override
    public synchronized void record(LedgerRow row) {
        if (down) {
            failures.release();
            throw new UsageStoreException("usage store: writing a ledger row failed: connection refused");
        }
        rows.add(row);
    }

    @Override
    public ReserveResult reserve(ReservationRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void settle(ReservationId id, Usage usage, BigDecimal costUsd) {
        if (down) {
            failures.release();
            throw new UsageStoreException("usage store: settling failed: connection refused");
        }
        settled.add(id);
    }

    @Override
    public void release(ReservationId id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean firstSighting(String platform, String eventId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ReportLine> report(ReportGrouping by, Instant since) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Instant> oldestRow() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void resetUser(String subject) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int prune(Duration age) {
        throw new UnsupportedOperationException();
    }

    @Override
    public long used(BudgetScope scope, BudgetMetric metric, String subject) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
