package dev.askgate.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Connection pools for the two databases, each set up for the way the store uses it. */
final class Pools {
    /** SQLite has one writer at a time; a few connections are enough for concurrent readers. */
    private static final int SQLITE_CONNECTIONS = 4;
    /** How long a writer waits for SQLite's write lock before the statement fails as busy. */
    private static final int SQLITE_BUSY_TIMEOUT_MS = 30_000;
    private static final long CONNECTION_TIMEOUT_MS = 10_000;

    private Pools() {
    }

    static HikariDataSource open(StoreUrl url, String user, String password, StoreSettings settings) {
        return switch (url.dialect()) {
            case SQLITE -> sqlite(url, settings);
            case POSTGRESQL -> postgresql(url, user, password, settings);
        };
    }

    private static HikariDataSource sqlite(StoreUrl url, StoreSettings settings) {
        Path file = url.sqliteFile().orElseThrow(() ->
                new IllegalArgumentException("an in-memory SQLite database is lost on restart; name a file"));
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the directory of " + file, e);
        }
        SQLiteConfig sqlite = new SQLiteConfig();
        // WAL: readers (reports) never wait for the writer, and a crash keeps what was committed.
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        // Every transaction starts with BEGIN IMMEDIATE: it takes the write lock first, so a reservation's
        // reads and writes cannot interleave with another's, and no upgrade from reader to writer can deadlock.
        sqlite.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl(url.value());

        HikariConfig pool = new HikariConfig();
        pool.setPoolName("askgate-sqlite");
        pool.setDataSource(dataSource);
        pool.setMaximumPoolSize(Math.min(SQLITE_CONNECTIONS, settings.maxConnections()));
        pool.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        return new HikariDataSource(pool);
    }

    private static HikariDataSource postgresql(StoreUrl url, String user, String password, StoreSettings settings) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("askgate-postgresql");
        pool.setJdbcUrl(url.value());
        if (!user.isEmpty()) pool.setUsername(user);
        if (!password.isEmpty()) pool.setPassword(password);
        pool.setMaximumPoolSize(settings.maxConnections());
        pool.setConnectionTimeout(CONNECTION_TIMEOUT_MS);
        // pgjdbc's own connect timeout (seconds), so that an unreachable host fails start-up in seconds, not minutes.
        pool.addDataSourceProperty("connectTimeout", "5");
        return new HikariDataSource(pool);
    }
}
