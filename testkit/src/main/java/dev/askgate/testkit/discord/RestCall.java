package dev.askgate.testkit.discord;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One REST request the bot made to the fake Discord: method, path below {@code /api/v10/} (decoded, no query),
 * the query string, the JSON body (a missing node when there was none; the {@code payload_json} part of a
 * multipart body), the status the fake answered and when it arrived.
 */
public record RestCall(String method, String path, String query, JsonNode body, int status, Instant at) {

    public boolean is(String method, String pathRegex) {
        return this.method.equals(method) && path.matches(pathRegex);
    }

    @Override
    public String toString() {
        return method + " " + path + (query.isEmpty() ? "" : "?" + query) + " -> " + status;
    }
}
