package dev.askgate.server;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Closes a connection whose client is too slow: its request headers must be complete within the header timeout
 * of the connection's opening (or of the previous answer, for a kept-alive connection), and its body within the
 * body timeout of the headers. Jetty's idle timeout alone would not do: it restarts with every byte, so one byte
 * every few seconds would hold a connection forever.
 */
final class ConnectionDeadlines implements Connection.Listener {
    private static final Logger log = LoggerFactory.getLogger(ConnectionDeadlines.class);
    private static final Scheduler.Task NONE = () -> false;

    private final Scheduler scheduler;
    private final Duration headerTimeout;
    private final Duration bodyTimeout;
    private final Map<Connection, Scheduler.Task> armed = new ConcurrentHashMap<>();

    ConnectionDeadlines(Scheduler scheduler, HttpLimits limits) {
        this.scheduler = scheduler;
        this.headerTimeout = limits.headerTimeout();
        this.bodyTimeout = limits.bodyTimeout();
    }

    @Override
    public void onOpened(Connection connection) {
        armed.put(connection, NONE);
        arm(connection, headerTimeout, "request headers");
    }

    @Override
    public void onClosed(Connection connection) {
        Scheduler.Task task = armed.remove(connection);
        if (task != null) task.cancel();
    }

    /** The headers are in: the body has its own deadline from now. */
    void headersReceived(Connection connection) {
        arm(connection, bodyTimeout, "request body");
    }

    /** The body is in: the route takes the time it needs (routes bound their own work). */
    void bodyReceived(Connection connection) {
        armed.computeIfPresent(connection, (c, old) -> {
            old.cancel();
            return NONE;
        });
    }

    /** The answer is going out: the next request on this connection has the header timeout from now. */
    void answered(Connection connection) {
        arm(connection, headerTimeout, "next request");
    }

    /** Open connections being watched (for tests and the log). */
    int watched() {
        return armed.size();
    }

    private void arm(Connection connection, Duration timeout, String awaited) {
        // computeIfPresent: a connection that closed meanwhile is not armed again (it would never be removed).
        armed.computeIfPresent(connection, (c, old) -> {
            old.cancel();
            return scheduler.schedule(() -> expire(c, timeout, awaited), timeout);
        });
    }

    private void expire(Connection connection, Duration timeout, String awaited) {
        log.debug("closing a connection from {}: {} not received within {} s",
                connection.getEndPoint().getRemoteSocketAddress(), awaited, timeout.toSeconds());
        connection.getEndPoint().close();
    }
}
