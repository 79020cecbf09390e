package dev.askgate.store;

import dev.askgate.core.usage.BudgetCharge;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.ReservationId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * Reservations and their holds. Whoever flips {@code holding} from true to false (a settle, a release, or the
 * reclaim of an expired one) takes the holds back out of the counters, exactly once: the flip is one conditional
 * UPDATE, so two replicas finishing the same reservation cannot both subtract. An expired reservation keeps its
 * rows after the reclaim, so a late settle still charges what the call spent.
 */
final class ReservationClaims {
    /** Finished reservations are kept this long after their expiry for a late settle, then pruned. */
    private static final Duration KEEP_FINISHED = Duration.ofDays(1);

    private record Hold(BudgetScope scope, String subject, BudgetMetric metric, long periodStart, long amount) {
    }

    /** Settling and reclaiming update a reservation's counters in the order reserving locked them. */
    private static final Comparator<Hold> LOCK_ORDER = CounterOrder.of(Hold::scope, Hold::subject, Hold::metric);

    private final Transactions db;

    ReservationClaims(Transactions db) {
        this.db = db;
    }

    void insert(Connection connection, ReservationId id, Instant expiresAt, List<BudgetCharge> charges, Instant now)
            throws SQLException {
        try (PreparedStatement reservation = connection.prepareStatement(
                "INSERT INTO reservation (id, expires_at_ms, holding) VALUES (?, ?, TRUE)");
             PreparedStatement hold = connection.prepareStatement("""
                INSERT INTO reservation_hold (reservation_id, scope, subject, metric, period_start_ms, amount)
                VALUES (?, ?, ?, ?, ?, ?)""")) {
            reservation.setString(1, id.value());
            reservation.setLong(2, expiresAt.toEpochMilli());
            reservation.executeUpdate();
            for (BudgetCharge charge : charges) {
                hold.setString(1, id.value());
                BudgetCounters.bindKey(hold, 2, charge.limit().scope(), charge.subject(), charge.limit().metric(),
                        charge.limit().metric().period().start(now).toEpochMilli());
                hold.setLong(6, charge.amount());
                hold.addBatch();
            }
            hold.executeBatch();
        }
    }

    /**
     * Ends reservation {@code id}: its holds leave the counters (unless a reclaim took them already) and each
     * counter is charged {@code charged} of its metric. A reservation finished before is left alone.
     */
    void finish(ReservationId id, ToLongFunction<BudgetMetric> charged, String what) {
        db.inTransaction(what, connection -> {
            boolean stillHolding = flip(connection, id.value());
            boolean known;
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM reservation WHERE id = ?")) {
                delete.setString(1, id.value());
                known = delete.executeUpdate() == 1;
            }
            if (!known) return null;
            for (Hold hold : holds(connection, id.value())) {
                apply(connection, hold, charged.applyAsLong(hold.metric()), stillHolding ? hold.amount() : 0L);
            }
            deleteHolds(connection, id.value());
            return null;
        });
    }

    /** Gives back what expired reservations hold, each in its own short transaction. */
    void reclaimExpired(Instant now) {
        List<String> expired = db.autoCommit("finding expired reservations", connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id FROM reservation WHERE holding = TRUE AND expires_at_ms <= ?")) {
                query.setLong(1, now.toEpochMilli());
                List<String> ids = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) ids.add(rows.getString(1));
                }
                return ids;
            }
        });
        for (String id : expired) {
            db.inTransaction("reclaiming an expired reservation", connection -> {
                if (flip(connection, id)) {
                    for (Hold hold : holds(connection, id)) apply(connection, hold, 0L, hold.amount());
                }
                return null;
            });
        }
    }

    /** When the oldest reservation holding {@code subject}'s counter expires, at the latest. */
    static Optional<Instant> oldestExpiry(Connection connection, BudgetScope scope, String subject, BudgetMetric metric)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT MIN(r.expires_at_ms) FROM reservation r JOIN reservation_hold h ON h.reservation_id = r.id
                WHERE r.holding = TRUE AND h.scope = ? AND h.subject = ? AND h.metric = ?""")) {
            query.setString(1, scope.configName());
            query.setString(2, subject);
            query.setString(3, metric.configName());
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                long at = rows.getLong(1);
                return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(at));
            }
        }
    }

    int pruneFinished(Instant now) {
        long before = now.minus(KEEP_FINISHED).toEpochMilli();
        return db.inTransaction("pruning finished reservations", connection -> {
            try (PreparedStatement holds = connection.prepareStatement("""
                    DELETE FROM reservation_hold WHERE reservation_id IN
                        (SELECT id FROM reservation WHERE holding = FALSE AND expires_at_ms < ?)""");
                 PreparedStatement reservations = connection.prepareStatement(
                    "DELETE FROM reservation WHERE holding = FALSE AND expires_at_ms < ?")) {
                holds.setLong(1, before);
                holds.executeUpdate();
                reservations.setLong(1, before);
                return reservations.executeUpdate();
            }
        });
    }

    /** True for the one caller that turns the reservation from holding to not holding. */
    private static boolean flip(Connection connection, String id) throws SQLException {
        try (PreparedStatement flip = connection.prepareStatement(
                "UPDATE reservation SET holding = FALSE WHERE id = ? AND holding = TRUE")) {
            flip.setString(1, id);
            return flip.executeUpdate() == 1;
        }
    }

    private static List<Hold> holds(Connection connection, String id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT scope, subject, metric, period_start_ms, amount FROM reservation_hold
                WHERE reservation_id = ?""")) {
            query.setString(1, id);
            List<Hold> holds = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    holds.add(new Hold(scope(rows.getString(1)), rows.getString(2), metric(rows.getString(3)),
                            rows.getLong(4), rows.getLong(5)));
                }
            }
            holds.sort(LOCK_ORDER);
            return holds;
        }
    }

    private static void apply(Connection connection, Hold hold, long charge, long unhold) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE budget_counter SET used = used + ?, held = held - ?
                WHERE scope = ? AND subject = ? AND metric = ? AND period_start_ms = ?""")) {
            update.setLong(1, charge);
            update.setLong(2, unhold);
            BudgetCounters.bindKey(update, 3, hold.scope(), hold.subject(), hold.metric(), hold.periodStart());
            update.executeUpdate();
        }
    }

    private static void deleteHolds(Connection connection, String id) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM reservation_hold WHERE reservation_id = ?")) {
            delete.setString(1, id);
            delete.executeUpdate();
        }
    }

    private static BudgetScope scope(String name) {
        for (BudgetScope scope : BudgetScope.values()) if (scope.configName().equals(name)) return scope;
        throw new IllegalStateException("unknown budget scope in the store: " + name);
    }

    private static BudgetMetric metric(String name) {
        for (BudgetMetric metric : BudgetMetric.values()) if (metric.configName().equals(name)) return metric;
        throw new IllegalStateException("unknown budget metric in the store: " + name);
    }
}
