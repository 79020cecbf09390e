package dev.askgate.core.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/** What a route answers: status, headers and body bytes. */
public record RouteResponse(int status, Map<String, String> headers, byte[] body) {
    public RouteResponse {
        if (status < 100 || status > 599) throw new IllegalArgumentException("status out of range");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        body = body == null ? new byte[0] : body;
    }

    public static RouteResponse json(int status, String json) {
        return new RouteResponse(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
    }

    public static RouteResponse text(int status, String text) {
        return new RouteResponse(status, Map.of("Content-Type", "text/plain; charset=utf-8"),
                text.getBytes(StandardCharsets.UTF_8));
    }

    /** This response with one more header (or one replaced). */
    public RouteResponse withHeader(String name, String value) {
        var more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new RouteResponse(status, more, body);
    }

    @Override
    public String toString() {
        return "RouteResponse[" + status + ", " + body.length + " bytes]";
    }
}
