package dev.askgate.core.http;

import java.util.Objects;

/**
 * One endpoint on Askgate's HTTP port, such as the Slack adapter's {@code POST /slack/events}: a method, an exact
 * path, and a handler from the raw request to the response. A platform offers its routes; the server only mounts
 * them.
 */
public interface HttpRoute {

    /** {@code GET}, {@code POST}, ... */
    String method();

    /** The exact path, starting with {@code /}. */
    String path();

    /** Answers one request; runs on a virtual thread, so it may block. An exception becomes a 500. */
    RouteResponse handle(RouteRequest request) throws Exception;

    /** Handles one request. */
    @FunctionalInterface
    interface Handler {
        RouteResponse handle(RouteRequest request) throws Exception;
    }

    /** A route from its parts. */
    static HttpRoute of(String method, String path, Handler handler) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(handler, "handler");
        if (!path.startsWith("/")) throw new IllegalArgumentException("path must start with /");
        return new HttpRoute() {
            public String method() { return method; }
            public String path() { return path; }
            public RouteResponse handle(RouteRequest request) throws Exception { return handler.handle(request); }
            @Override public String toString() { return method + " " + path; }
        };
    }
}
