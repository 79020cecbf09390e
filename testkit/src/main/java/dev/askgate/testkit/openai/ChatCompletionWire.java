package dev.askgate.testkit.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.UncheckedIOException;
import java.util.List;

/** Writes the JSON documents of the Chat Completions wire, shaped like the real API's. */
final class ChatCompletionWire {
    private final ObjectMapper json;
    private final String id;
    private final long created;
    private final String model;

    ChatCompletionWire(ObjectMapper json, String id, long created, String model) {
        this.json = json;
        this.id = id;
        this.created = created;
        this.model = model;
    }

    /** The first chunk: the role, empty content. */
    String roleChunk(boolean withUsageField) {
        ObjectNode delta = json.createObjectNode().put("role", "assistant").put("content", "");
        delta.putNull("refusal");
        return write(chunk(delta, null, withUsageField));
    }

    String contentChunk(String text, boolean withUsageField) {
        return write(chunk(json.createObjectNode().put("content", text), null, withUsageField));
    }

    String finishChunk(String finishReason, boolean withUsageField) {
        return write(chunk(json.createObjectNode(), finishReason, withUsageField));
    }

    /** The last chunk when {@code stream_options.include_usage} is set: empty choices, the usage. */
    String usageChunk(FakeAnswer answer, int prompt, int completion) {
        ObjectNode root = header("chat.completion.chunk");
        root.putArray("choices");
        root.set("usage", usage(answer, prompt, completion));
        return write(root);
    }

    String completion(FakeAnswer answer, String text, int prompt, int completion) {
        ObjectNode root = header("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", text);
        message.putNull("refusal");
        message.putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", answer.finishReason());
        if (!answer.omitsUsage()) root.set("usage", usage(answer, prompt, completion));
        root.put("service_tier", "default");
        root.putNull("system_fingerprint");
        return write(root);
    }

    static String error(ObjectMapper json, FakeError error, String message) {
        ObjectNode root = json.createObjectNode();
        ObjectNode body = root.putObject("error").put("message", message).put("type", error.type());
        if (error.param() == null) body.putNull("param"); else body.put("param", error.param());
        if (error.code() == null) body.putNull("code");
        else if (error.hasNumericCode()) body.put("code", Integer.parseInt(error.code()));
        else body.put("code", error.code());
        return write(json, root);
    }

    static String models(ObjectMapper json, List<FakeModel> models, long created) {
        ObjectNode root = json.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (FakeModel model : models) {
            data.add(model(json, model, created));
        }
        return write(json, root);
    }

    /** One entry of the models list, which {@code GET /v1/models/{id}} also answers alone. */
    static ObjectNode model(ObjectMapper json, FakeModel model, long created) {
        ObjectNode entry = json.createObjectNode().put("id", model.id()).put("object", "model")
                .put("created", created).put("owned_by", "system");
        switch (model.shutdown()) {
            case ABSENT -> { }
            case NULL -> entry.putNull("shutdown_date");
            case DATE -> entry.put("shutdown_date", model.shutdownDate().toString());
        }
        return entry;
    }

    static String modelEntry(ObjectMapper json, FakeModel model, long created) {
        return write(json, model(json, model, created));
    }

    private ObjectNode chunk(ObjectNode delta, String finishReason, boolean withUsageField) {
        ObjectNode root = header("chat.completion.chunk");
        root.put("service_tier", "default");
        root.putNull("system_fingerprint");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) choice.putNull("finish_reason"); else choice.put("finish_reason", finishReason);
        if (withUsageField) root.putNull("usage");
        return root;
    }

    private ObjectNode header(String object) {
        return json.createObjectNode().put("id", id).put("object", object).put("created", created).put("model", model);
    }

    private ObjectNode usage(FakeAnswer answer, int prompt, int completion) {
        ObjectNode usage = json.createObjectNode()
                .put("prompt_tokens", prompt).put("completion_tokens", completion).put("total_tokens", prompt + completion);
        ObjectNode promptDetails = usage.putObject("prompt_tokens_details")
                .put("cached_tokens", answer.cachedTokens()).put("audio_tokens", 0);
        if (answer.cacheWriteTokens() > 0) promptDetails.put("cache_write_tokens", answer.cacheWriteTokens());
        usage.putObject("completion_tokens_details").put("reasoning_tokens", answer.reasoningTokens())
                .put("audio_tokens", 0).put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }

    private String write(ObjectNode node) {
        return write(json, node);
    }

    private static String write(ObjectMapper json, ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
