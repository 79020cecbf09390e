package dev.askgate.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.askgate.core.usage.UsageStoreException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs work on a pooled connection, in one transaction or auto-committed, and runs it again when the failure is
 * one a retry may cure. Every other failure becomes a {@link UsageStoreException} in plain words.
 */
final class Transactions {
    private static final int ATTEMPTS = 4;

    /** Work on a connection; may throw {@link SQLException}. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource pool;
    private final Dialect dialect;
    private final Runnable dropIdleConnections;

    static Transactions on(HikariDataSource pool, Dialect dialect) {
        return new Transactions(pool, dialect, () -> {
            var bean = pool.getHikariPoolMXBean();
            if (bean != null) bean.softEvictConnections();
        });
    }

    /** {@code dropIdleConnections} runs when the server went away, so that a retry gets a fresh connection. */
    Transactions(DataSource pool, Dialect dialect, Runnable dropIdleConnections) {
        this.pool = pool;
        this.dialect = dialect;
        this.dropIdleConnections = dropIdleConnections;
    }

    /**
     * {@code work} in one transaction (on SQLite it begins with {@code BEGIN IMMEDIATE}, set on the pool), committed
     * when it returns, rolled back when it throws. Retried work must be safe to run again: each statement here is.
     */
    <T> T inTransaction(String what, Work<T> work) {
        return run(what, true, work);
    }

    /** {@code work} auto-committed, statement by statement: for reads and single statements. */
    <T> T autoCommit(String what, Work<T> work) {
        return run(what, false, work);
    }

    private <T> T run(String what, boolean transaction, Work<T> work) {
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Connection connection = pool.getConnection()) {
                return transaction ? once(connection, work) : work.run(connection);
            } catch (SQLException e) {
                last = e;
                if (!dialect.mayRetry(e)) break;
                if (dialect.connectionLost(e)) dropIdleConnections.run();
                pause(attempt);
            } catch (RuntimeException e) {
                throw new UsageStoreException("usage store: " + what + " failed: " + e.getMessage(), e);
            }
        }
        throw new UsageStoreException("usage store: " + what + " failed: " + last.getMessage(), last);
    }

    private static <T> T once(Connection connection, Work<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            if (!connection.isClosed()) {
                try {
                    connection.setAutoCommit(true);
                } catch (SQLException ignored) {
                    // A broken connection: the pool notices and drops it.
                }
            }
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** A short growing pause, so that competing writers do not collide again at once. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(5L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageStoreException("usage store: interrupted while retrying");
        }
    }
}
