package dev.askgate.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Askgate's HTTP port on the JDK's own server, one virtual thread per exchange. Probes ({@code /healthz},
 * {@code /readyz}) answer until the very end; other routes answer 503 once a shutdown has begun, and the
 * shutdown can wait for the exchanges already running.
 */
final class HttpEndpoints implements AutoCloseable {
    /** Larger bodies are refused before a route sees them (Slack's requests are far smaller). */
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoints.class);
    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final Map<String, HttpRoute> probes = new HashMap<>();
    private final Map<String, HttpRoute> routes = new HashMap<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    // A ReentrantLock rather than synchronized: waiting must not pin a virtual thread's carrier on JDK 21.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inFlight;
    private boolean stopping;

    HttpEndpoints(int port, List<HttpRoute> probes, List<HttpRoute> routes) throws IOException {
        probes.forEach(r -> add(this.probes, r));
        routes.forEach(r -> add(this.routes, r));
        server = HttpServer.create(new InetSocketAddress(port), 0);
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
    }

    void start() {
        server.start();
        log.info("listening on port {}", port());
    }

    /** The bound port (useful when 0 asked for any free one). */
    int port() {
        return server.getAddress().getPort();
    }

    /** From now on, routes other than the probes answer 503. */
    void stopAccepting() {
        lock.lock();
        try {
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until no route exchange is running, for at most {@code timeout}; true when none is. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (inFlight > 0) {
                if (left <= 0) return false;
                left = idle.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void add(Map<String, HttpRoute> map, HttpRoute route) {
        if (map.putIfAbsent(key(route.method(), route.path()), route) != null) {
            throw new IllegalArgumentException("two routes for " + route.method() + " " + route.path());
        }
    }

    private static String key(String method, String path) {
        return method + " " + path;
    }

    private void exchange(HttpExchange exchange) throws IOException {
        String requestId = requestId(exchange);
        MDC.put("requestId", requestId);
        boolean counted = false;
        // The exchange is closed (its answer flushed) before it stops counting as in flight.
        try (exchange) {
            exchange.getResponseHeaders().set("X-Request-Id", requestId);
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getRawPath();
            HttpRoute probe = probes.get(key(method, path));
            if (probe != null) {
                send(exchange, run(probe, exchange, requestId, new byte[0]));
                return;
            }
            HttpRoute route = routes.get(key(method, path));
            if (route == null) {
                send(exchange, notFound(method, path));
                return;
            }
            counted = enter();
            if (!counted) {
                send(exchange, RouteResponse.text(503, "Askgate is shutting down\n"));
                return;
            }
            long started = System.nanoTime();
            RouteResponse response = readBody(exchange)
                    .map(body -> run(route, exchange, requestId, body))
                    .orElseGet(() -> RouteResponse.text(413, "request body over " + MAX_BODY_BYTES + " bytes\n"));
            send(exchange, response);
            log.info("{} {} -> {} in {} ms", method, path, response.status(), (System.nanoTime() - started) / 1_000_000);
        } finally {
            if (counted) leave();
            MDC.remove("requestId");
        }
    }

    private RouteResponse notFound(String method, String path) {
        boolean otherMethod = probes.values().stream().anyMatch(r -> r.path().equals(path))
                || routes.values().stream().anyMatch(r -> r.path().equals(path));
        return otherMethod ? RouteResponse.text(405, method + " is not allowed here\n")
                : RouteResponse.text(404, "no such path\n");
    }

    private static RouteResponse run(HttpRoute route, HttpExchange exchange, String requestId, byte[] body) {
        var request = new RouteRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body,
                exchange.getRemoteAddress().getAddress().getHostAddress(), requestId);
        try {
            return route.handle(request);
        } catch (Exception e) {
            // The exception's class and message stay in the log (one line; the stack trace at DEBUG); the caller
            // learns only that it failed.
            log.error("{} failed: {}", route, ExceptionLine.of(e));
            log.debug("{} failed", route, e);
            return RouteResponse.text(500, "internal error, request id " + requestId + "\n");
        }
    }

    private static Optional<byte[]> readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(body);
        }
    }

    private static void send(HttpExchange exchange, RouteResponse response) throws IOException {
        response.headers().forEach(exchange.getResponseHeaders()::set);
        boolean empty = response.body().length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
        if (!empty) exchange.getResponseBody().write(response.body());
    }

    private boolean enter() {
        lock.lock();
        try {
            if (stopping) return false;
            inFlight++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void leave() {
        lock.lock();
        try {
            inFlight--;
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static String requestId(HttpExchange exchange) {
        String given = exchange.getRequestHeaders().getFirst("X-Request-Id");
        if (given != null && SAFE_REQUEST_ID.matcher(given).matches()) return given;
        return RequestIds.next();
    }
}
