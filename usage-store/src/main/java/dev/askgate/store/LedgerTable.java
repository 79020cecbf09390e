package dev.askgate.store;

import dev.askgate.core.Usage;
import dev.askgate.core.usage.LedgerRow;
import dev.askgate.core.usage.ReportGrouping;
import dev.askgate.core.usage.ReportLine;
import dev.askgate.core.usage.Usd;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code usage_ledger} table: appends, grouped sums, pruning by age. */
final class LedgerTable {
    private static final String INSERT = """
            INSERT INTO usage_ledger (at_ms, platform, workspace, channel, user_id, model, prompt_tokens, cached_tokens,
                cache_write_tokens, completion_tokens, reasoning_tokens, estimated, cost_nano_usd, outcome, latency_ms,
                request_id, key_name, key_redacted, askgate_request_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String REPORT = """
            SELECT %s AS grp, COUNT(*), SUM(prompt_tokens), SUM(cached_tokens), SUM(cache_write_tokens),
                SUM(completion_tokens), SUM(reasoning_tokens), SUM(cost_nano_usd),
                SUM(CASE WHEN estimated THEN 1 ELSE 0 END)
            FROM usage_ledger WHERE at_ms >= ? GROUP BY grp ORDER BY SUM(cost_nano_usd) DESC, grp""";

    private final Transactions db;

    LedgerTable(Transactions db) {
        this.db = db;
    }

    void insert(LedgerRow row) {
        db.autoCommit("writing a ledger row", connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                Usage usage = row.usage();
                int i = 0;
                insert.setLong(++i, row.at().toEpochMilli());
                insert.setString(++i, row.platform());
                insert.setString(++i, row.workspace());
                insert.setString(++i, row.channel());
                insert.setString(++i, row.user());
                insert.setString(++i, row.model());
                insert.setLong(++i, usage.promptTokens());
                insert.setLong(++i, usage.cachedTokens());
                insert.setLong(++i, usage.cacheWriteTokens());
                insert.setLong(++i, usage.completionTokens());
                insert.setLong(++i, usage.reasoningTokens());
                insert.setBoolean(++i, usage.estimated());
                insert.setLong(++i, Usd.toNanos(row.costUsd()));
                insert.setString(++i, row.outcome());
                insert.setLong(++i, row.latency().toMillis());
                insert.setString(++i, row.requestId());
                insert.setString(++i, row.keyName());
                insert.setString(++i, row.key().value());
                insert.setString(++i, row.askgateRequestId());
                return insert.executeUpdate();
            }
        });
    }

    List<ReportLine> report(ReportGrouping by, Instant since) {
        String sql = REPORT.formatted(groupExpression(by));
        return db.autoCommit("reading a usage report", connection -> {
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                query.setLong(1, since.toEpochMilli());
                List<ReportLine> lines = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        lines.add(new ReportLine(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
                                rows.getLong(5), rows.getLong(6), rows.getLong(7), Usd.fromNanos(rows.getLong(8)),
                                rows.getLong(9)));
                    }
                }
                return lines;
            }
        });
    }

    /** Group names match the budget subjects ({@code slack:U1}), so a report and a limit name a user alike. */
    private static String groupExpression(ReportGrouping by) {
        return switch (by) {
            case USER -> "platform || ':' || user_id";
            case CHANNEL -> "platform || ':' || workspace || ':' || channel";
            case WORKSPACE -> "platform || ':' || workspace";
            case MODEL -> "model";
            case KEY -> "key_name || ' ' || key_redacted";
        };
    }

    Optional<Instant> oldest() {
        return db.autoCommit("reading the oldest ledger row", connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT MIN(at_ms) FROM usage_ledger");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                long oldest = rows.getLong(1);
                return rows.wasNull() ? Optional.<Instant>empty() : Optional.of(Instant.ofEpochMilli(oldest));
            }
        });
    }

    int deleteBefore(Instant cutoff) {
        return db.autoCommit("pruning the ledger", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM usage_ledger WHERE at_ms < ?")) {
                delete.setLong(1, cutoff.toEpochMilli());
                return delete.executeUpdate();
            }
        });
    }
}
