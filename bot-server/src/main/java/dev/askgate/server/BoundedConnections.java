package dev.askgate.server;

import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP/1.1 connections, at most {@code max} open at once; one more is answered 503 and closed at once
 * ({@link RefusedConnection}) rather than left waiting in the accept queue (Jetty's own connection limit stops
 * accepting, so the client learns nothing until it times out).
 */
final class BoundedConnections extends HttpConnectionFactory {
    private static final Logger log = LoggerFactory.getLogger(BoundedConnections.class);

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong refused = new AtomicLong();

    BoundedConnections(HttpConfiguration configuration, int max) {
        super(configuration);
        this.max = max;
    }

    @Override
    public Connection newConnection(Connector connector, EndPoint endPoint) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            long count = refused.incrementAndGet();
            // One line for the first refusal and then every 1,000th: a flood must not become a flood of log lines.
            if (count % 1_000 == 1) {
                log.warn("HTTP connection refused: {} open, the limit (ASKGATE_HTTP_MAX_CONNECTIONS); {} refused so far",
                        max, count);
            }
            return new RefusedConnection(endPoint, connector.getExecutor());
        }
        Connection connection = super.newConnection(connector, endPoint);
        connection.addEventListener(new Connection.Listener() {
            @Override
            public void onClosed(Connection closed) {
                open.decrementAndGet();
            }
        });
        return connection;
    }

    /** Connections open now. */
    int open() {
        return open.get();
    }
}
