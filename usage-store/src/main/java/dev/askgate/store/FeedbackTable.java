package dev.askgate.store;

import dev.askgate.core.usage.AnswerFeedback;
import dev.askgate.core.usage.FeedbackLine;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The {@code answer_feedback} table: one vote per person and answer, the newest kept; counts per model. */
final class FeedbackTable {
    // The WHERE keeps a late delivery of an older click from undoing a person's newer vote.
    private static final String UPSERT = """
            INSERT INTO answer_feedback (request_id, user_id, at_ms, platform, workspace, channel, message_id, vote)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (request_id, user_id) DO UPDATE SET at_ms = excluded.at_ms, platform = excluded.platform,
                workspace = excluded.workspace, channel = excluded.channel, message_id = excluded.message_id,
                vote = excluded.vote
            WHERE answer_feedback.at_ms <= excluded.at_ms""";
    // One model per answer (its ledger rows' latest), so that an answer with several calls counts once.
    private static final String REPORT = """
            SELECT COALESCE(m.model, '') AS model,
                SUM(CASE WHEN f.vote = 'up' THEN 1 ELSE 0 END), SUM(CASE WHEN f.vote = 'down' THEN 1 ELSE 0 END)
            FROM answer_feedback f
            LEFT JOIN (SELECT askgate_request_id, MAX(model) AS model FROM usage_ledger
                       WHERE askgate_request_id <> '' GROUP BY askgate_request_id) m
                ON m.askgate_request_id = f.request_id
            WHERE f.at_ms >= ?
            GROUP BY COALESCE(m.model, '') ORDER BY COUNT(*) DESC, model""";

    private final Transactions db;

    FeedbackTable(Transactions db) {
        this.db = db;
    }

    void upsert(AnswerFeedback feedback) {
        db.autoCommit("writing a vote on an answer", connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
                int i = 0;
                upsert.setString(++i, feedback.requestId());
                upsert.setString(++i, feedback.user());
                upsert.setLong(++i, feedback.at().toEpochMilli());
                upsert.setString(++i, feedback.platformName());
                upsert.setString(++i, feedback.workspace());
                upsert.setString(++i, feedback.channel());
                upsert.setString(++i, feedback.messageId());
                upsert.setString(++i, feedback.vote().word());
                return upsert.executeUpdate();
            }
        });
    }

    List<FeedbackLine> report(Instant since) {
        return db.autoCommit("reading the votes on answers", connection -> {
            try (PreparedStatement query = connection.prepareStatement(REPORT)) {
                query.setLong(1, since.toEpochMilli());
                List<FeedbackLine> lines = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) lines.add(new FeedbackLine(rows.getString(1), rows.getLong(2), rows.getLong(3)));
                }
                return lines;
            }
        });
    }

    int deleteBefore(Instant cutoff) {
        return db.autoCommit("pruning votes on answers", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM answer_feedback WHERE at_ms < ?")) {
                delete.setLong(1, cutoff.toEpochMilli());
                return delete.executeUpdate();
            }
        });
    }
}
