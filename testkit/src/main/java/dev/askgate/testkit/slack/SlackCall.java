package dev.askgate.testkit.slack;

import java.time.Instant;
import java.util.Map;

/**
 * One Web API call the fake received: the method ({@code chat.postMessage}), its parameters (form or JSON
 * fields as strings), the bearer token it carried and when it arrived. The token is kept only so that tests
 * can check which token was used; it is never printed.
 */
public record SlackCall(String method, Map<String, String> params, String token, Instant at, boolean answeredOk,
                        int status) {
    public SlackCall {
        params = Map.copyOf(params);
        token = token == null ? "" : token;
    }

    /** A call answered with HTTP 200. */
    public SlackCall(String method, Map<String, String> params, String token, Instant at, boolean answeredOk) {
        this(method, params, token, at, answeredOk, 200);
    }

    /** Whether the fake answered 429 (a scripted fault or an enforced limit). */
    public boolean rateLimited() {
        return status == 429;
    }

    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    public String text() {
        return param("text");
    }

    @Override
    public String toString() {
        return "SlackCall[" + method + " channel=" + param("channel") + " ts=" + param("ts")
                + " thread_ts=" + param("thread_ts") + " status=" + status + " ok=" + answeredOk + " text=" + text().length() + " chars]";
    }
}
