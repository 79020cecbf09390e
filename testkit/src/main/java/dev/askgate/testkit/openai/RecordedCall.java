package dev.askgate.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request {@link FakeOpenAi} received: method, path, headers (names lower-cased), the JSON body (a
 * {@code MissingNode} when there was none or it was not JSON), and the {@code x-request-id} the fake answered with.
 */
public record RecordedCall(int sequence, String method, String path, Map<String, List<String>> headers,
                           String bodyText, JsonNode body, String answeredRequestId) {

    public RecordedCall {
        headers = Map.copyOf(headers);
        bodyText = bodyText == null ? "" : bodyText;
        body = body == null ? MissingNode.getInstance() : body;
    }

    /** The first value of a header (case-insensitive name), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase());
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /** The key after {@code Bearer } in the Authorization header, or null. */
    public String bearerKey() {
        String auth = header("authorization");
        return auth != null && auth.startsWith("Bearer ") ? auth.substring("Bearer ".length()) : null;
    }

    public boolean isChatCompletion() {
        return "POST".equals(method) && path.endsWith("/chat/completions");
    }

    public boolean streaming() {
        return body.path("stream").asBoolean(false);
    }

    public String model() {
        return body.path("model").asText("");
    }

    /** The {@code role} of each message, in order. */
    public List<String> messageRoles() {
        List<String> out = new ArrayList<>();
        body.path("messages").forEach(m -> out.add(m.path("role").asText()));
        return out;
    }

    /** The {@code content} of each message, in order. */
    public List<String> messageContents() {
        List<String> out = new ArrayList<>();
        body.path("messages").forEach(m -> out.add(m.path("content").asText()));
        return out;
    }

    @Override
    public String toString() {
        return "RecordedCall[#" + sequence + " " + method + " " + path + ", " + bodyText.length() + " body chars]";
    }
}
