package dev.askgate.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads Flyway's history table with plain JDBC, so that finding nothing to migrate does not load Flyway. */
final class SchemaHistory {
    private static final String ROWS = "SELECT version, script, checksum, success FROM flyway_schema_history"
            + " ORDER BY installed_rank";

    private SchemaHistory() {
    }

    /**
     * Every row of the history, in the order Flyway applied them; empty when the table cannot be read, as on a new
     * database. Whatever is unusual (a failed or repeatable migration, a table that is missing or unreadable) then
     * differs from {@link NewestSchema}, and Flyway itself looks at the database.
     */
    static Optional<List<AppliedMigration>> read(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(ROWS)) {
            List<AppliedMigration> applied = new ArrayList<>();
            while (rows.next()) {
                applied.add(new AppliedMigration(String.valueOf(rows.getString(1)), String.valueOf(rows.getString(2)),
                        rows.getInt(3), rows.getBoolean(4)));
            }
            return Optional.of(applied);
        } catch (SQLException noHistory) {
            return Optional.empty();
        }
    }
}
