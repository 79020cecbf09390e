package dev.askgate.store;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;

/** The {@code seen_event} table: platform retry dedupe shared by every replica, each id remembered for a time to live. */
final class SeenEvents {
    private final Transactions db;
    private final Clock clock;
    private final Duration ttl;

    SeenEvents(Transactions db, Clock clock, Duration ttl) {
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The insert that wins is the first sighting; an expired id is forgotten first, so it counts as new again. */
    boolean firstSighting(String platform, String eventId) {
        long now = clock.millis();
        return db.inTransaction("checking a platform event id", connection -> {
            try (PreparedStatement forget = connection.prepareStatement(
                    "DELETE FROM seen_event WHERE platform = ? AND event_id = ? AND expires_at_ms <= ?");
                 PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO seen_event (platform, event_id, expires_at_ms) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
                forget.setString(1, platform);
                forget.setString(2, eventId);
                forget.setLong(3, now);
                forget.executeUpdate();
                insert.setString(1, platform);
                insert.setString(2, eventId);
                insert.setLong(3, now + ttl.toMillis());
                return insert.executeUpdate() == 1;
            }
        });
    }

    int deleteExpired() {
        long now = clock.millis();
        return db.autoCommit("pruning seen event ids", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM seen_event WHERE expires_at_ms <= ?")) {
                delete.setLong(1, now);
                return delete.executeUpdate();
            }
        });
    }
}
