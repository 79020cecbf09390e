package dev.askgate.core.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.Usage;

/** Reads the JSON of Chat Completions chunks (streamed) and completions (whole). */
final class SseChunkParser {

    /**
     * One chunk: its text ("" when none), finish reason ("" when none), usage (null when the chunk has none),
     * model, and the {@code error} object a server may send inside a stream (missing when none).
     */
    record Chunk(String text, String finishReason, Usage usage, String model, JsonNode error) { }

    /** A whole non-streamed completion. */
    record Completion(String text, String finishReason, Usage usage, String model) { }

    private final ObjectMapper json;

    SseChunkParser(ObjectMapper json) {
        this.json = json;
    }

    Chunk chunk(String data) throws JsonProcessingException {
        JsonNode root = json.readTree(data);
        JsonNode choice = root.path("choices").path(0);
        JsonNode delta = choice.path("delta");
        // A refusal streams in its own field; the person should see it like any answer.
        String text = delta.path("content").asText("") + delta.path("refusal").asText("");
        JsonNode usage = root.path("usage");
        return new Chunk(text, choice.path("finish_reason").asText(""),
                usage.isObject() ? usage(usage) : null, root.path("model").asText(""), root.path("error"));
    }

    Completion completion(String body) throws JsonProcessingException {
        JsonNode root = json.readTree(body);
        JsonNode choice = root.path("choices").path(0);
        JsonNode message = choice.path("message");
        String text = message.path("content").asText("");
        if (text.isEmpty()) text = message.path("refusal").asText("");
        JsonNode usage = root.path("usage");
        return new Completion(text, choice.path("finish_reason").asText(""),
                usage.isObject() ? usage(usage) : Usage.NONE, root.path("model").asText(""));
    }

    private static Usage usage(JsonNode usage) {
        return new Usage(Math.max(0, usage.path("prompt_tokens").asInt(0)),
                Math.max(0, usage.path("prompt_tokens_details").path("cached_tokens").asInt(0)),
                Math.max(0, usage.path("completion_tokens").asInt(0)));
    }
}
