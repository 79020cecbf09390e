package dev.askgate.server;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.regex.Pattern;

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
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final RouteTable probes;
    private final RouteTable routes;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final InFlight inFlight = new InFlight();
    private final Server server;
    private final ServerConnector connector;
    private final ConnectionDeadlines deadlines;
    private final BoundedConnections connections;

    HttpEndpoints(int port, List<HttpRoute> probes, List<HttpRoute> routes) throws IOException {
        this(port, HttpLimits.DEFAULTS, probes, routes);
    }

    /** Binds the port at once, so that a port in use is an {@link IOException} here, as with any server socket. */
    HttpEndpoints(int port, HttpLimits limits, List<HttpRoute> probes, List<HttpRoute> routes) throws IOException {
        this.probes = new RouteTable(probes);
        this.routes = new RouteTable(routes);
        // Jetty's own threads only select and parse; every exchange runs on a virtual thread of ours.
        var threads = new QueuedThreadPool(16, 2);
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
        deadlines = new ConnectionDeadlines(scheduler, limits);
        connector.addBean(deadlines);
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
                    executor.execute(() -> exchange(request, response, callback));
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

    private void exchange(Request request, Response response, Callback callback) {
        Connection connection = request.getConnectionMetaData().getConnection();
        String requestId = requestId(request.getHeaders().get("X-Request-Id"));
        MDC.put("requestId", requestId);
        boolean counted = false;
        try {
            response.getHeaders().put("X-Request-Id", requestId);
            String method = request.getMethod();
            String path = request.getHttpURI().getPath();
            var probe = probes.find(method, path);
            if (probe.isPresent()) {
                answer(connection, response, callback, run(probe.get(), request, requestId, new byte[0]));
                return;
            }
            var route = routes.find(method, path);
            if (route.isEmpty()) {
                answer(connection, response, callback, notFound(method, path));
                return;
            }
            counted = inFlight.enter();
            if (!counted) {
                answer(connection, response, callback, RouteResponse.text(503, "Askgate is shutting down\n"));
                return;
            }
            long started = System.nanoTime();
            RouteResponse answer = readBody(connection, request) instanceof byte[] body
                    ? run(route.get(), request, requestId, body) : tooLarge();
            answer(connection, response, callback, answer);
            log.info("{} {} -> {} in {} ms", method, path, answer.status(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | RuntimeException e) {
            log.debug("exchange ended early: {}", ExceptionLine.of(e));
            callback.failed(quiet(e));
        } finally {
            if (counted) inFlight.leave();
            MDC.remove("requestId");
        }
    }

    /**
     * A body Jetty could not parse (a bad chunk) carries its status (400), which Jetty then answers; anything else
     * means the client went away or was cut off by a deadline, with nobody left to answer. Both are "quiet"
     * exceptions to Jetty, which would log any other failure as a WARN.
     */
    private static Throwable quiet(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpException) return t;
        }
        return new EofException(failure);
    }

    private RouteResponse notFound(String method, String path) {
        RouteTable table = probes.knows(path) ? probes : routes.knows(path) ? routes : null;
        if (table == null) return RouteResponse.text(404, "no such path\n");
        return RouteResponse.text(405, method + " is not allowed here\n").withHeader("Allow", table.allowed(path));
    }

    private static RouteResponse tooLarge() {
        // The client may still be sending: the connection is closed after this answer instead of reading on.
        return RouteResponse.text(413, "request body over " + MAX_BODY_BYTES + " bytes\n").withHeader("Connection", "close");
    }

    private static RouteResponse run(HttpRoute route, Request request, String requestId, byte[] body) {
        var routeRequest = new RouteRequest(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), headers(request.getHeaders()), body,
                Request.getRemoteAddr(request), requestId);
        try {
            return route.handle(routeRequest);
        } catch (Exception e) {
            // The exception's class and message stay in the log (one line; the stack trace at DEBUG); the caller
            // learns only that it failed.
            log.error("{} failed: {}", route, ExceptionLine.of(e));
            log.debug("{} failed", route, e);
            return RouteResponse.text(500, "internal error, request id " + requestId + "\n");
        }
    }

    /** The body, or null when it is over the limit; a declared length over it is refused before any byte is read. */
    private byte[] readBody(Connection connection, Request request) throws IOException {
        deadlines.headersReceived(connection);
        if (request.getLength() > MAX_BODY_BYTES) return null;
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            deadlines.bodyReceived(connection);
            return body.length > MAX_BODY_BYTES ? null : body;
        }
    }

    /** Sends the answer and waits until it is written, so that an exchange counts as in flight until then. */
    private void answer(Connection connection, Response response, Callback callback, RouteResponse answer)
            throws IOException {
        deadlines.answered(connection);
        response.setStatus(answer.status());
        answer.headers().forEach(response.getHeaders()::put);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
        var written = new FutureCallback();
        response.write(true, ByteBuffer.wrap(answer.body()), written);
        written.block();
        callback.succeeded();
    }

    private static Map<String, List<String>> headers(HttpFields fields) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (HttpField field : fields) {
            map.computeIfAbsent(field.getName(), name -> new ArrayList<>()).add(field.getValue());
        }
        return map;
    }

    private static String requestId(String given) {
        return given != null && SAFE_REQUEST_ID.matcher(given).matches() ? given : RequestIds.next();
    }
}
