package dev.askgate.core.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.Usage;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Reads the JSON of Chat Completions chunks (streamed) and completions (whole). */
final class SseChunkParser {

    /**
     * One chunk: its text ("" when none), finish reason ("" when none), usage ({@link Usage#NONE} when the chunk
     * has none), model, and the {@code error} object a server may send inside a stream (missing when none).
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
                usage.isObject() ? usage(usage) : Usage.NONE, root.path("model").asText(""), root.path("error"));
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

    /**
     * The models of a {@code GET /models} answer by id, each with its {@code shutdown_date} when the endpoint gives
     * one. Empty when the body lists none (some compatible servers answer with an empty or different document), so
     * that an unusual server is not taken for a missing model. A date that is not {@code YYYY-MM-DD} counts as
     * none: a compatible server's oddity must not fail the check.
     */
    Map<String, Optional<LocalDate>> listedModels(String body) throws JsonProcessingException {
        Map<String, Optional<LocalDate>> models = new HashMap<>();
        for (JsonNode entry : json.readTree(body).path("data")) {
            String id = entry.path("id").asText("");
            if (!id.isEmpty()) models.put(id, date(entry.path("shutdown_date")));
        }
        return models;
    }

    private static Optional<LocalDate> date(JsonNode field) {
        if (!field.isTextual()) return Optional.empty();
        try {
            return Optional.of(LocalDate.parse(field.asText()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Everything the usage object reports; cached and cache-write tokens are parts of the prompt, reasoning of the completion. */
    private static Usage usage(JsonNode usage) {
        JsonNode prompt = usage.path("prompt_tokens_details");
        return new Usage(count(usage.path("prompt_tokens")), count(prompt.path("cached_tokens")),
                count(prompt.path("cache_write_tokens")), count(usage.path("completion_tokens")),
                count(usage.path("completion_tokens_details").path("reasoning_tokens")), false);
    }

    private static int count(JsonNode field) {
        return Math.max(0, field.asInt(0));
    }
}
