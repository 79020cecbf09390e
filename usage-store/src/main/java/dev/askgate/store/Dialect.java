package dev.askgate.store;

import java.sql.SQLException;

/** What differs between the two databases: the URL scheme, the migrations' folder, and which failures a retry may cure. */
enum Dialect {
    SQLITE("jdbc:sqlite:", "sqlite"),
    POSTGRESQL("jdbc:postgresql:", "postgresql");

    /** SQLite's SQLITE_BUSY and SQLITE_LOCKED: another connection holds the write lock past the busy timeout. */
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    private final String scheme;
    private final String folder;

    Dialect(String scheme, String folder) {
        this.scheme = scheme;
        this.folder = folder;
    }

    String scheme() {
        return scheme;
    }

    String migrations() {
        return "classpath:db/migration/" + folder;
    }

    /**
     * Whether running the whole transaction again may succeed: a serialization failure or deadlock on
     * PostgreSQL, a busy database on SQLite, or a connection that broke (the pool drops it and hands out another).
     */
    boolean mayRetry(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return switch (this) {
            case POSTGRESQL -> state.equals("40001") || state.equals("40P01") || connectionLost(e);
            case SQLITE -> e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
        };
    }

    /** The server went away (restart, failover, a killed backend): the pool's other idle connections are suspect too. */
    boolean connectionLost(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        return this == POSTGRESQL && (state.startsWith("08") || state.startsWith("57P0"));
    }
}
