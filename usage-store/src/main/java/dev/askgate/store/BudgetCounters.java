package dev.askgate.store;

import dev.askgate.core.Usage;
import dev.askgate.core.usage.BudgetCharge;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.ReservationId;
import dev.askgate.core.usage.ReservationRequest;
import dev.askgate.core.usage.ReserveResult;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * Budget counters and reservations. A reservation is one transaction holding every charge with one conditional
 * {@code UPDATE ... WHERE used + held + amount <= limit} per counter row: the database decides under the row's
 * lock (PostgreSQL) or the write lock ({@code BEGIN IMMEDIATE} on SQLite), so concurrent calls and replicas cannot
 * both pass a check that only one of them fits. Rows are touched in one order everywhere, so no two transactions
 * deadlock on each other.
 */
final class BudgetCounters {
    private static final Comparator<BudgetCharge> LOCK_ORDER =
            CounterOrder.of(c -> c.limit().scope(), BudgetCharge::subject, c -> c.limit().metric());

    private final Transactions db;
    private final Clock clock;
    private final ReservationClaims claims;

    BudgetCounters(Transactions db, Clock clock) {
        this.db = db;
        this.clock = clock;
        this.claims = new ReservationClaims(db);
    }

    ReserveResult reserve(ReservationRequest request) {
        Instant now = clock.instant();
        claims.reclaimExpired(now);
        List<BudgetCharge> charges = request.charges().stream().sorted(LOCK_ORDER).toList();
        ReservationId id = ReservationId.random();
        Instant expiresAt = now.plus(request.hold());
        return db.inTransaction("reserving budget", connection -> {
            for (BudgetCharge charge : charges) {
                if (!hold(connection, charge, now)) {
                    ReserveResult.Refused refused = refusal(connection, charge, now);
                    connection.rollback();
                    return refused;
                }
            }
            claims.insert(connection, id, expiresAt, charges, now);
            return new ReserveResult.Reserved(id, expiresAt);
        });
    }

    private static boolean hold(Connection connection, BudgetCharge charge, Instant now) throws SQLException {
        long periodStart = charge.limit().metric().period().start(now).toEpochMilli();
        try (PreparedStatement ensure = connection.prepareStatement("""
                INSERT INTO budget_counter (scope, subject, metric, period_start_ms, used, held)
                VALUES (?, ?, ?, ?, 0, 0) ON CONFLICT DO NOTHING""");
             PreparedStatement add = connection.prepareStatement("""
                UPDATE budget_counter SET held = held + ?
                WHERE scope = ? AND subject = ? AND metric = ? AND period_start_ms = ? AND used + held + ? <= ?""")) {
            bindKey(ensure, 1, charge.limit().scope(), charge.subject(), charge.limit().metric(), periodStart);
            ensure.executeUpdate();
            add.setLong(1, charge.amount());
            bindKey(add, 2, charge.limit().scope(), charge.subject(), charge.limit().metric(), periodStart);
            add.setLong(6, charge.amount());
            add.setLong(7, charge.limit().limit());
            return add.executeUpdate() == 1;
        }
    }

    private static ReserveResult.Refused refusal(Connection connection, BudgetCharge charge, Instant now) throws SQLException {
        BudgetMetric metric = charge.limit().metric();
        long used = read(connection, charge.limit().scope(), metric, charge.subject(), now);
        Instant resetsAt = metric == BudgetMetric.CONCURRENT
                ? ReservationClaims.oldestExpiry(connection, charge.limit().scope(), charge.subject(), metric).orElse(now)
                : metric.period().end(now);
        return new ReserveResult.Refused(charge.limit(), charge.subject(), used, resetsAt);
    }

    void settle(ReservationId id, Usage usage, BigDecimal costUsd) {
        claims.finish(id, metric -> metric.charged(usage, costUsd), "settling a reservation");
    }

    void release(ReservationId id) {
        claims.finish(id, metric -> 0L, "releasing a reservation");
    }

    long used(BudgetScope scope, BudgetMetric metric, String subject) {
        Instant now = clock.instant();
        return db.autoCommit("reading a budget", connection -> read(connection, scope, metric, subject, now));
    }

    private static long read(Connection connection, BudgetScope scope, BudgetMetric metric, String subject, Instant now)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT used + held FROM budget_counter
                WHERE scope = ? AND subject = ? AND metric = ? AND period_start_ms = ?""")) {
            bindKey(query, 1, scope, subject, metric, metric.period().start(now).toEpochMilli());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0L;
            }
        }
    }

    /** Zeroes the user's settled spend of every current window; what is held stays held. */
    void resetUser(String subject) {
        Instant now = clock.instant();
        db.inTransaction("resetting a user's budget", connection -> {
            try (PreparedStatement reset = connection.prepareStatement("""
                    UPDATE budget_counter SET used = 0
                    WHERE scope = ? AND subject = ? AND metric = ? AND period_start_ms = ?""")) {
                for (BudgetMetric metric : BudgetMetric.values()) {
                    if (metric == BudgetMetric.CONCURRENT) continue;
                    bindKey(reset, 1, BudgetScope.USER, subject, metric, metric.period().start(now).toEpochMilli());
                    reset.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Deletes counters of finished windows that hold nothing, and reservations long finished. */
    int prune() {
        Instant now = clock.instant();
        int deleted = db.inTransaction("pruning budget counters", connection -> {
            int count = 0;
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM budget_counter WHERE metric = ? AND period_start_ms < ? AND held = 0")) {
                for (BudgetMetric metric : BudgetMetric.values()) {
                    if (metric == BudgetMetric.CONCURRENT) continue;
                    delete.setString(1, metric.configName());
                    delete.setLong(2, metric.period().start(now).toEpochMilli());
                    count += delete.executeUpdate();
                }
            }
            return count;
        });
        return deleted + claims.pruneFinished(now);
    }

    static void bindKey(PreparedStatement statement, int first, BudgetScope scope, String subject, BudgetMetric metric,
                        long periodStart) throws SQLException {
        statement.setString(first, scope.configName());
        statement.setString(first + 1, subject);
        statement.setString(first + 2, metric.configName());
        statement.setLong(first + 3, periodStart);
    }
}
