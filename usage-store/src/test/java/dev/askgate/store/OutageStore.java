package dev.askgate.store;

import dev.askgate.core.Usage;
import dev.askgate.core.usage.AnswerFeedback;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.FeedbackLine;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.LedgerRow;
import dev.askgate.core.usage.ReportGrouping;
import dev.askgate.core.usage.ReportLine;
import dev.askgate.core.usage.ReservationId;
import dev.askgate.core.usage.ReservationRequest;
import dev.askgate.core.usage.ReserveResult;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.core.usage.UsageStoreException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A real store that the test can take down: every call then fails as an unreachable database's would. */
final class OutageStore implements UsageStore {
    private final UsageStore store;
    private volatile boolean down;

    OutageStore(UsageStore store) {
        this.store = store;
    }

    void down() {
        down = true;
    }

    void up() {
        down = false;
    }

    private UsageStore reachable() {
        if (down) throw new UsageStoreException("usage store at jdbc:test cannot be reached: connection refused");
        return store;
    }

    @Override
    public void record(LedgerRow row) {
        reachable().record(row);
    }

    @Override
    public ReserveResult reserve(ReservationRequest request) {
        return reachable().reserve(request);
    }

    @Override
    public void settle(ReservationId id, Usage usage, BigDecimal costUsd) {
        reachable().settle(id, usage, costUsd);
    }

    @Override
    public void release(ReservationId id) {
        reachable().release(id);
    }

    @Override
    public boolean firstSighting(String platform, String eventId) {
        return reachable().firstSighting(platform, eventId);
    }

    @Override
    public void recordFeedback(AnswerFeedback feedback) {
        reachable().recordFeedback(feedback);
    }

    @Override
    public List<FeedbackLine> feedbackReport(Instant since) {
        return reachable().feedbackReport(since);
    }

    @Override
    public List<ReportLine> report(ReportGrouping by, Instant since) {
        return reachable().report(by, since);
    }

    @Override
    public Optional<Instant> oldestRow() {
        return reachable().oldestRow();
    }

    @Override
    public void resetUser(String subject) {
        reachable().resetUser(subject);
    }

    @Override
    public int prune(Duration age) {
        return reachable().prune(age);
    }

    @Override
    public long used(BudgetScope scope, BudgetMetric metric, String subject) {
        return reachable().used(scope, metric, subject);
    }

    @Override
    public void close() {
        store.close();
    }
}
