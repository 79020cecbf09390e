package dev.askgate.core.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.askgate.core.Turn;
import dev.askgate.core.model.ModelRequest;
import okhttp3.MediaType;
import okhttp3.RequestBody;

import java.io.UncheckedIOException;

/** Writes the JSON body of a Chat Completions request: only fields the newest models accept. */
final class ChatCompletionsBody {
    private static final MediaType JSON = MediaType.get("application/json");

    private final ObjectMapper json;

    ChatCompletionsBody(ObjectMapper json) {
        this.json = json;
    }

    /** The body for {@code request}; streamed requests ask for the usage chunk at the end. */
    RequestBody write(ModelRequest request, boolean stream) {
        ObjectNode root = json.createObjectNode().put("model", request.model());
        ArrayNode messages = root.putArray("messages");
        for (Turn turn : request.messages()) {
            messages.addObject().put("role", turn.role().wireName()).put("content", turn.text());
        }
        // max_tokens is deprecated and refused by reasoning models; temperature and top_p are accepted only
        // with reasoning effort none, so neither is ever sent.
        if (request.maxOutputTokens() > 0) {
            root.put("max_completion_tokens", request.maxOutputTokens());
        }
        if (request.reasoningEffort().isSent()) {
            root.put("reasoning_effort", request.reasoningEffort().wireName());
        }
        root.put("stream", stream);
        if (stream) {
            root.putObject("stream_options").put("include_usage", true);
        }
        try {
            return RequestBody.create(json.writeValueAsBytes(root), JSON);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
