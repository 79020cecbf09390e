package dev.askgate.server;

import dev.askgate.core.RequestId;
import dev.askgate.core.http.HttpRoute;
import dev.askgate.core.http.RouteRequest;
import dev.askgate.core.http.RouteResponse;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.askgate.server.HttpEndpoints.MAX_BODY_BYTES;

/**
 * One request on Askgate's port, from Jetty's request to a route's answer: finds the route (probe or route,
 * 404, 405), reads the body within its limit and deadline, runs the route (503 once stopping, 500 without
 * detail when it throws) and writes the answer.
 */
final class RouteExchange {
    // The port's one logger: its lines read "dev.askgate.server.HttpEndpoints ... POST /slack/events -> 200".
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoints.class);
    /** How much of a refused body is read and dropped after the 413 (see {@link #lingering}). */
    private static final long LINGER_BYTES = 16L * 1024 * 1024;

    private final RouteTable probes;
    private final RouteTable routes;
    private final InFlight inFlight;
    private final ConnectionDeadlines deadlines;

    RouteExchange(RouteTable probes, RouteTable routes, InFlight inFlight, ConnectionDeadlines deadlines) {
        this.probes = probes;
        this.routes = routes;
        this.inFlight = inFlight;
        this.deadlines = deadlines;
    }

    /** Answers one request; runs on its own virtual thread and may block. */
    void run(Request request, Response response, Callback callback) {
        Connection connection = request.getConnectionMetaData().getConnection();
        deadlines.headersReceived(connection);
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
            byte[] body = readBody(connection, request);
            RouteResponse answer = body == null ? tooLarge() : run(route.get(), request, requestId, body);
            answer(connection, response, body == null ? lingering(request, callback) : callback, answer);
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

    /**
     * The refused body's remaining bytes are read and dropped once the 413 is out, if the client is sending them
     * anyway (it did not ask {@code Expect: 100-continue}): closing with them unread would reset the connection,
     * and the client would see a broken pipe instead of the 413. At most {@link #LINGER_BYTES}, and within the
     * header deadline the answer started.
     */
    private static Callback lingering(Request request, Callback callback) {
        if (request.getHeaders().contains(HttpHeader.EXPECT, "100-continue")) return callback;
        return Callback.from(() -> {
            try (InputStream in = Content.Source.asInputStream(request)) {
                byte[] drop = new byte[16 * 1024];
                long dropped = 0;
                for (int n; dropped < LINGER_BYTES && (n = in.read(drop)) >= 0; ) dropped += n;
            } catch (IOException | RuntimeException gone) {
                // the client closed or the deadline did: either ends the lingering
            }
            callback.succeeded();
        }, callback::failed);
    }

    private static RouteResponse tooLarge() {
        // Closed after this answer: a client still sending has what follows dropped (see lingering), not served.
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
        return RequestId.fromHeaderOrNew(given).value();
    }
}
