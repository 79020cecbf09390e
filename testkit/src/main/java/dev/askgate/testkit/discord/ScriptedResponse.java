package dev.askgate.testkit.discord;

import mockwebserver3.MockResponse;

import java.util.function.Supplier;

/** A scripted REST answer for the next {@code times} matching calls. */
final class ScriptedResponse {
    private final String method;
    private final String pathRegex;
    private int remaining;
    private final Supplier<MockResponse> response;

    ScriptedResponse(String method, String pathRegex, int times, Supplier<MockResponse> response) {
        this.method = method;
        this.pathRegex = pathRegex;
        this.remaining = times;
        this.response = response;
    }

    String method() { return method; }
    String pathRegex() { return pathRegex; }
    Supplier<MockResponse> response() { return response; }

    synchronized boolean take() {
        if (remaining <= 0) return false;
        remaining--;
        return true;
    }
}
