package dev.askgate.slack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Looks at the shape of a signed body before Bolt does, so that a malformed one is refused with a reason instead
 * of failing inside Bolt (a 500, and Bolt's warning that quotes the whole body): a form must be a slash command
 * with its user and channel, an interactive {@code payload} or Slack's {@code ssl_check}; JSON must be an object
 * of a type Askgate handles, an event an object with the fields its listener reads. Slack's
 * {@code app_rate_limited} notice is recognised here, as Bolt knows no such type.
 */
final class SlackBodyCheck {
    /** What the body is. */
    sealed interface Shape permits ForBolt, RateLimited, Malformed { }

    /** Well-formed: Bolt takes it from here. */
    record ForBolt() implements Shape { }

    /** Slack's notice that it is dropping this app's events for the minute starting at {@code minute} (epoch s). */
    record RateLimited(long minute) implements Shape { }

    /** Refused, with a reason fit for a log line (it never quotes the body). */
    record Malformed(String reason) implements Shape { }

    // Strict where Bolt's Gson is lenient: a duplicated key or bytes after the object is not Slack's doing.
    private final ObjectReader json = new ObjectMapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    Shape of(String body) {
        return body.startsWith("{") || body.startsWith("[") ? json(body) : form(body);
    }

    private Shape json(String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            return new Malformed("not valid JSON");
        }
        if (root == null || !root.isObject()) return new Malformed("JSON that is not an object");
        String type = text(root, "type");
        if (type == null) return new Malformed("JSON without a type");
        return switch (type) {
            case "url_verification" -> text(root, "challenge") == null
                    ? new Malformed("url_verification without a challenge") : new ForBolt();
            case "app_rate_limited" -> root.path("minute_rate_limited").canConvertToLong()
                    ? new RateLimited(root.path("minute_rate_limited").asLong())
                    : new Malformed("app_rate_limited without minute_rate_limited");
            case "event_callback" -> event(root.get("event"));
            default -> new Malformed("JSON of an unknown type");
        };
    }

    private static Shape event(JsonNode event) {
        if (event == null || !event.isObject()) return new Malformed("event_callback whose event is not an object");
        String type = text(event, "type");
        if (type == null) return new Malformed("event without a type");
        if (!type.equals("app_mention") && !type.equals("message")) return new ForBolt();
        // Other events may carry objects under these names (user_change's user); these two never do.
        for (String field : new String[] {"text", "ts", "thread_ts", "user", "channel", "subtype", "channel_type"}) {
            if (event.has(field) && !event.get(field).isTextual() && !event.get(field).isNull()) {
                return new Malformed(type + " event whose " + field + " is not a string");
            }
        }
        boolean fromPerson = text(event, "subtype") == null && text(event, "bot_id") == null;
        return switch (type) {
            case "app_mention" -> text(event, "user") == null || text(event, "channel") == null
                    ? new Malformed("app_mention without user or channel") : new ForBolt();
            default -> text(event, "channel") == null || (fromPerson && text(event, "user") == null)
                    ? new Malformed("message without user or channel") : new ForBolt();
        };
    }

    private Shape form(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.putIfAbsent(name, value);
            } catch (IllegalArgumentException e) {
                return new Malformed("a form with a bad percent escape");
            }
        }
        if (fields.containsKey("ssl_check")) return new ForBolt();
        if (fields.containsKey("payload")) return payload(fields.get("payload"));
        if (fields.containsKey("command")) {
            return blank(fields.get("command")) || blank(fields.get("user_id")) || blank(fields.get("channel_id"))
                    ? new Malformed("a slash command without command, user_id or channel_id") : new ForBolt();
        }
        return new Malformed("a form that is no slash command, payload or ssl_check");
    }

    private Shape payload(String payload) {
        try {
            JsonNode root = json.readTree(payload);
            if (root != null && root.isObject() && text(root, "type") != null) return new ForBolt();
            return new Malformed("an interactive payload that is not an object with a type");
        } catch (JsonProcessingException e) {
            return new Malformed("an interactive payload that is not valid JSON");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
