package dev.askgate.slack;

import com.google.gson.JsonParseException;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.Request;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import dev.askgate.core.RequestId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Slack's requests in HTTP mode (slash commands, events, {@code url_verification}), independent of the HTTP
 * server that carries them: the launcher mounts {@link #handle} at {@code POST /slack/events}.
 * A body over 1 MiB is refused (413); a missing or wrong signature, or a timestamp more than five minutes
 * off in either direction, is answered 401 before anything else is looked at; a signed body of a shape Bolt
 * would fail on is 400 ({@link SlackBodyCheck}), Slack's {@code app_rate_limited} notice 200; the rest goes
 * to Bolt.
 */
public final class SlackHttpEndpoint {
    private static final Logger log = LoggerFactory.getLogger(SlackHttpEndpoint.class);
    /** Slack's payloads are a few kilobytes; anything this large is not from Slack. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    public static final String PATH = "/slack/events";
    private static final String INVALID = "{\"error\":\"invalid request\"}";
    private static final String MALFORMED = "{\"error\":\"malformed request\"}";

    private final App app;
    private final SlackRequestParser parser;
    private final SlackRequestCheck check;
    private final SlackBodyCheck bodyCheck = new SlackBodyCheck();
    private final BooleanSupplier stopping;

    /** What to send back to Slack. */
    public record Reply(int status, String contentType, byte[] body) {
        public Reply {
            Objects.requireNonNull(contentType, "contentType");
            body = body == null ? new byte[0] : body;
        }

        static Reply json(int status, String json) {
            return new Reply(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param stopping true once the platform is stopping: events are then answered 503 so that Slack delivers
     *                 them again later (to another replica, or to this one after the restart)
     */
    SlackHttpEndpoint(App app, SlackRequestCheck check, BooleanSupplier stopping) {
        this.app = Objects.requireNonNull(app, "app");
        this.parser = new SlackRequestParser(app.config());
        this.check = Objects.requireNonNull(check, "check");
        this.stopping = Objects.requireNonNull(stopping, "stopping");
    }

    /**
     * Answers one {@code POST /slack/events}. {@code headers} may use any letter case; {@code body} is the raw
     * request body (the signature covers its exact bytes). Never throws.
     */
    public Reply handle(Map<String, List<String>> headers, byte[] body) {
        return handle(headers, body, RequestId.generate());
    }

    /** As {@link #handle(Map, byte[])}, for the exchange {@code requestId}, which the question's handling carries on. */
    public Reply handle(Map<String, List<String>> headers, byte[] body, RequestId requestId) {
        if (body == null || body.length > MAX_BODY_BYTES) {
            return Reply.json(413, "{\"error\":\"request too large\"}");
        }
        Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) headers.forEach((k, v) -> { if (k != null) h.put(k, v); });
        String raw = new String(body, StandardCharsets.UTF_8);
        var verdict = check.verify(first(h, "X-Slack-Request-Timestamp"), first(h, "X-Slack-Signature"), body);
        if (verdict != SlackRequestCheck.Verdict.VALID) {
            log.info("platform=slack rejected an HTTP request: {}", verdict.reason());
            return Reply.json(401, INVALID);
        }
        switch (bodyCheck.of(raw)) {
            case SlackBodyCheck.Malformed malformed -> {
                return malformed(body.length, malformed.reason());
            }
            case SlackBodyCheck.RateLimited limited -> {
                // Slack delivers at most 30,000 events an hour per workspace to one app; this says some were dropped.
                log.warn("platform=slack Slack is holding back this app's events for the minute from {} "
                        + "(app_rate_limited): over Slack's limit of events per workspace an hour",
                        Instant.ofEpochSecond(limited.minute()));
                return new Reply(200, "text/plain; charset=utf-8", new byte[0]);
            }
            case SlackBodyCheck.ForBolt forBolt -> {
                // on to Bolt
            }
        }
        if (stopping.getAsBoolean() && isEvent(raw)) {
            // Slack retries an event that did not get a 2xx; a slash command (not retried) still reaches Bolt,
            // whose handler acknowledges it with "restarting, ask again".
            log.info("platform=slack stopping: an event is left for Slack to deliver again");
            return Reply.json(503, "{\"error\":\"restarting\"}");
        }
        try {
            Request<?> request = parser.parse(SlackRequestParser.HttpRequest.builder()
                    .requestUri(PATH).queryString(Map.of()).requestBody(raw)
                    .headers(new RequestHeaders(h)).remoteAddress("").build());
            if (request == null) return malformed(body.length, "no request Bolt knows");
            BoltRequestId.attach(request, requestId);
            com.slack.api.bolt.response.Response response = app.run(request);
            String contentType = response.getContentType() == null ? "text/plain; charset=utf-8" : response.getContentType();
            byte[] out = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
            return new Reply(response.getStatusCode() == null ? 200 : response.getStatusCode(), contentType, out);
        } catch (JsonParseException e) {
            // Bolt reads the payload into its own types: a field of the wrong type ends here.
            return malformed(body.length, "a field Bolt could not read");
        } catch (Exception e) {
            log.error("platform=slack handling an HTTP request failed: {}", e.getClass().getName());
            return Reply.json(500, "{\"error\":\"internal error\"}");
        }
    }

    /** One line with the size and the reason, never the body (it may be anything, of any length). */
    private static Reply malformed(int size, String reason) {
        log.warn("platform=slack refused a signed request of {} bytes: {}", size, reason);
        return Reply.json(400, MALFORMED);
    }

    /** An Events API callback (JSON), as opposed to a slash command (a form) or {@code url_verification}. */
    private static boolean isEvent(String raw) {
        return raw.stripLeading().startsWith("{") && raw.contains("\"event_callback\"");
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
