package dev.askgate.core.usage;

import dev.askgate.core.Usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * A store whose ledger writes, settlements and feedback writes fail while the test says it is down; it keeps what it
 * took, in order.
 */
public final class FlakyStore implements UsageStore {
    private final List<LedgerRow> rows = new ArrayList<>();
    private final List<ReservationId> settled = new ArrayList<>();
    private final List<AnswerFeedback> votes = new ArrayList<>();
    private final Semaphore failures = new Semaphore(0);
    private volatile boolean down;
    private volatile int failed;

    public void down() {
        down = true;
    }

    public void up() {
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

    /** The votes taken, in order. */
    public synchronized List<AnswerFeedback> votes() {
        return List.copyOf(votes);
    }

    /** How many writes have failed since the store was made. */
    public int failures() {
        return failed;
    }

    @Override
    public synchronized void record(LedgerRow row) {
        if (down) {
            failed++;
            failures.release();
            throw new UsageStoreException("usage store: writing a ledger row failed: connection refused");
        }
        rows.add(row);
    }

    @Override
    public synchronized void recordFeedback(AnswerFeedback feedback) {
        if (down) {
            failed++;
            failures.release();
            throw new UsageStoreException("usage store: writing a vote failed: connection refused");
        }
        votes.add(feedback);
    }

    @Override
    public List<FeedbackLine> feedbackReport(Instant since) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ReserveResult reserve(ReservationRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void settle(ReservationId id, Usage usage, BigDecimal costUsd) {
        if (down) {
            failed++;
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
