package dev.askgate.core.http;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as a route sees it: headers (names case-insensitive), the raw query string (empty when none),
 * the raw body bytes (signature checks need them unchanged), the peer's address and Askgate's request id.
 */
public record RouteRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
                           String remoteAddress, String requestId) {
    public RouteRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        query = query == null ? "" : query;
        var copy = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers").forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = Collections.unmodifiableMap(copy);
        body = body == null ? new byte[0] : body;
        remoteAddress = remoteAddress == null ? "" : remoteAddress;
        Objects.requireNonNull(requestId, "requestId");
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        // Headers and body may carry signatures and tokens; only the shape is printed.
        return "RouteRequest[" + method + " " + path + ", " + body.length + " bytes, requestId=" + requestId + "]";
    }
}
