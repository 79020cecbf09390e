package dev.askgate.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.askgate.core.Usage;
import dev.askgate.core.usage.AnswerFeedback;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.FeedbackLine;
import dev.askgate.core.usage.LedgerRow;
import dev.askgate.core.usage.ReportGrouping;
import dev.askgate.core.usage.ReportLine;
import dev.askgate.core.usage.ReservationId;
import dev.askgate.core.usage.ReservationRequest;
import dev.askgate.core.usage.ReserveResult;
import dev.askgate.core.usage.UsageStore;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The {@link UsageStore} on SQLite or PostgreSQL: the same SQL on both, through one connection pool. */
final class JdbcUsageStore implements UsageStore {
    private final HikariDataSource pool;
    private final Clock clock;
    private final LedgerTable ledger;
    private final BudgetCounters budgets;
    private final SeenEvents seen;
    private final FeedbackTable feedback;

    JdbcUsageStore(HikariDataSource pool, Dialect dialect, StoreSettings settings) {
        this.pool = pool;
        this.clock = settings.clock();
        Transactions db = Transactions.on(pool, dialect);
        this.ledger = new LedgerTable(db);
        this.budgets = new BudgetCounters(db, clock);
        this.seen = new SeenEvents(db, clock, settings.dedupeTtl());
        this.feedback = new FeedbackTable(db);
    }

    @Override
    public void record(LedgerRow row) {
        ledger.insert(Objects.requireNonNull(row, "row"));
    }

    @Override
    public ReserveResult reserve(ReservationRequest request) {
        return budgets.reserve(Objects.requireNonNull(request, "request"));
    }

    @Override
    public void settle(ReservationId id, Usage usage, BigDecimal costUsd) {
        Objects.requireNonNull(usage, "usage");
        if (costUsd.signum() < 0) throw new IllegalArgumentException("costUsd is negative");
        budgets.settle(Objects.requireNonNull(id, "id"), usage, costUsd);
    }

    @Override
    public void release(ReservationId id) {
        budgets.release(Objects.requireNonNull(id, "id"));
    }

    @Override
    public boolean firstSighting(String platform, String eventId) {
        return seen.firstSighting(Objects.requireNonNull(platform, "platform"), Objects.requireNonNull(eventId, "eventId"));
    }

    @Override
    public List<ReportLine> report(ReportGrouping by, Instant since) {
        return ledger.report(Objects.requireNonNull(by, "by"), Objects.requireNonNull(since, "since"));
    }

    @Override
    public void recordFeedback(AnswerFeedback vote) {
        feedback.upsert(Objects.requireNonNull(vote, "vote"));
    }

    @Override
    public List<FeedbackLine> feedbackReport(Instant since) {
        return feedback.report(Objects.requireNonNull(since, "since"));
    }

    @Override
    public Optional<Instant> oldestRow() {
        return ledger.oldest();
    }

    @Override
    public void resetUser(String subject) {
        budgets.resetUser(Objects.requireNonNull(subject, "subject"));
    }

    @Override
    public int prune(Duration age) {
        if (age.isNegative()) throw new IllegalArgumentException("age is negative");
        Instant cutoff = clock.instant().minus(age);
        int rows = ledger.deleteBefore(cutoff);
        feedback.deleteBefore(cutoff);
        seen.deleteExpired();
        budgets.prune();
        return rows;
    }

    @Override
    public long used(BudgetScope scope, BudgetMetric metric, String subject) {
        return budgets.used(scope, metric, subject);
    }

    @Override
    public void close() {
        pool.close();
    }
}
