package dev.askgate.server;

import dev.askgate.core.http.HttpRoute;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Askgate's HTTP port on Jetty, one virtual thread per exchange, bounded against slow and hostile clients by
 * {@link HttpLimits}: a body over 1 MiB is refused with 413 before it is read (so {@code Expect: 100-continue}
 * is never answered 100 for it), headers over 16 KiB are 431. Probes ({@code /healthz}, {@code /readyz}) answer
 * until the very end; other routes answer 503 once a shutdown has begun, and the shutdown can wait for them.
 */
final class HttpEndpoints implements AutoCloseable {
    /** Larger bodies are refused before a route sees them (Slack's requests are far smaller). */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoints.class);

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final InFlight inFlight = new InFlight();
    private final Server server;
    private final ServerConnector connector;
    private final RouteExchange exchange;
    private final BoundedConnections connections;

    HttpEndpoints(int port, List<HttpRoute> probes, List<HttpRoute> routes) throws IOException {
        this(port, HttpLimits.DEFAULTS, probes, routes);
    }

    /** Binds the port at once, so that a port in use is an {@link IOException} here, as with any server socket. */
    HttpEndpoints(int port, HttpLimits limits, List<HttpRoute> probes, List<HttpRoute> routes) throws IOException {
        // Jetty's own threads only select and parse; every exchange runs on a virtual thread of ours. Eight are
        // plenty for that (parsing never blocks); with sixteen, a burst of a thousand connections left sixteen
        // platform threads in a process that needs few (the benchmark's in-flight case counts them).
        JettyReferenceSize.tellJetty();
        var threads = new QueuedThreadPool(8, 2);
        threads.setName("askgate-http");
        var scheduler = new ScheduledExecutorScheduler("askgate-http-deadlines", true);
        server = new Server(threads, scheduler, null);
        var http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        connections = new BoundedConnections(http, limits.maxConnections());
        connector = new ServerConnector(server, 1, 1, connections);
        connector.setPort(port);
        connector.setAcceptQueueSize(limits.backlog());
        // The backstop for a stalled write or a body that stops mid-way; the deadlines bound the rest.
        connector.setIdleTimeout(limits.bodyTimeout().toMillis());
        var deadlines = new ConnectionDeadlines(scheduler, limits);
        connector.addBean(deadlines);
        exchange = new RouteExchange(new RouteTable(probes), new RouteTable(routes), inFlight, deadlines);
        server.addConnector(connector);
        server.setErrorHandler(new PlainErrorPages());
        server.setHandler(dispatcher());
        bind();
    }

    private Handler dispatcher() {
        return new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                try {
                    executor.execute(() -> exchange.run(request, response, callback));
                } catch (RejectedExecutionException closing) {
                    callback.failed(closing);
                }
                return true;
            }
        };
    }

    private void bind() throws IOException {
        try {
            connector.open();
        } catch (IOException e) {
            // Jetty's "Failed to bind to 0.0.0.0/0.0.0.0:8080" wraps the JDK's own, plainer exception.
            close();
            throw e.getCause() instanceof IOException cause ? cause : e;
        }
    }

    void start() {
        try {
            server.start();
        } catch (Exception e) {
            throw new IllegalStateException("HTTP port " + connector.getPort() + " did not open: " + e.getMessage(), e);
        }
        log.info("listening on port {}", port());
    }

    /** The bound port (useful when 0 asked for any free one). */
    int port() {
        return connector.getLocalPort();
    }

    /** From now on, routes other than the probes answer 503. */
    void stopAccepting() {
        inFlight.stop();
    }

    /** Waits until no route exchange is running, for at most {@code timeout}; true when none is. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        return inFlight.awaitIdle(timeout);
    }

    /** Connections open now (for tests). */
    int openConnections() {
        return connections.open();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            log.warn("HTTP server did not stop cleanly: {}", ExceptionLine.of(e));
        }
        executor.shutdownNow();
    }
}
