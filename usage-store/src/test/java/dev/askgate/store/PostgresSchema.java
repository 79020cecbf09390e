package dev.askgate.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A fresh schema on the test PostgreSQL (127.0.0.1:5432, database {@code test}, user {@code postgres}, trust auth),
 * dropped afterwards. Where no PostgreSQL answers, the test is skipped with a notice saying so, never failed.
 */
final class PostgresSchema implements AutoCloseable {
    /** The test server; {@code -Daskgate.test.postgresql=URL} points elsewhere (and shows the skip with a wrong one). */
    static final String SERVER = System.getProperty("askgate.test.postgresql", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = "postgres";

    private final String name;

    private PostgresSchema(String name) {
        this.name = name;
    }

    static PostgresSchema createOrSkip() throws SQLException {
        Optional<String> unreachable = unreachable();
        assumeTrue(unreachable.isEmpty(), () -> "PostgreSQL store tests SKIPPED: no PostgreSQL at " + SERVER
                + " (" + unreachable.orElse("") + ")");
        String name = "askgate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE SCHEMA " + name);
        }
        return new PostgresSchema(name);
    }

    private static Optional<String> unreachable() {
        try (Connection ignored = admin()) {
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of(e.getMessage());
        }
    }

    static Connection admin() throws SQLException {
        return DriverManager.getConnection(SERVER + "?connectTimeout=3", USER, "");
    }

    /** The store's URL: this schema, and an application name that marks this test's connections. */
    String url() {
        return SERVER + "?currentSchema=" + name + "&ApplicationName=" + name;
    }

    /** Ends every server process this test's pools opened, as a database restart or a network cut would. */
    int terminateConnections() throws SQLException {
        try (Connection admin = admin(); var query = admin.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
            query.setString(1, name);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection admin = admin(); Statement statement = admin.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
        }
    }
}
