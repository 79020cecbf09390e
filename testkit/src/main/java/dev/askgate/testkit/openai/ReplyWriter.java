package dev.askgate.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns a scripted {@link FakeReply} into the HTTP response the real API would send for the request. */
final class ReplyWriter {
    private static final long CREATED = 1_764_000_000L;

    private final ObjectMapper json;
    private final Pause pause;

    ReplyWriter(ObjectMapper json, Pause pause) {
        this.json = json;
        this.pause = pause;
    }

    MockResponse write(FakeReply reply, RecordedCall call) {
        return switch (reply) {
            case FakeAnswer answer when answer.streamError() != null && !call.streaming() ->
                    error(answer.streamError(), call);
            case FakeAnswer answer -> call.streaming() ? stream(answer, call) : complete(answer, call);
            case FakeError error -> error(error, call);
            case KeyEcho echo -> write(FakeAnswer.of(echo.text(call.bearerKey())).streamedInChunksOf(echo.chunk()), call);
            case FakeReply.Disconnect ignored -> new MockResponse.Builder()
                    .onResponseStart(new SocketEffect.CloseSocket()).build();
        };
    }

    MockResponse error(FakeError error, RecordedCall call) {
        String message = error.message()
                .replace("{model}", call.model())
                .replace("{key}", masked(call.bearerKey()));
        MockResponse.Builder response = common(new MockResponse.Builder().code(error.status()), call, error.headers())
                .setHeader("content-type", "application/json; charset=utf-8")
                .body(ChatCompletionWire.error(json, error, message));
        return response.build();
    }

    MockResponse models(List<FakeModel> models, RecordedCall call) {
        return common(new MockResponse.Builder().code(200), call, Map.of())
                .setHeader("content-type", "application/json")
                .body(ChatCompletionWire.models(json, models, CREATED))
                .build();
    }

    MockResponse model(FakeModel model, RecordedCall call) {
        return common(new MockResponse.Builder().code(200), call, Map.of())
                .setHeader("content-type", "application/json")
                .body(ChatCompletionWire.modelEntry(json, model, CREATED))
                .build();
    }

    private MockResponse stream(FakeAnswer answer, RecordedCall call) {
        boolean includeUsage = !answer.omitsUsage()
                && call.body().path("stream_options").path("include_usage").asBoolean(false);
        ChatCompletionWire wire = wire(answer, call);
        List<String> deltas = answer.deltas();

        List<ScriptedBody.Piece> pieces = new ArrayList<>();
        pieces.add(event(answer.firstTokenDelay(), wire.roleChunk(includeUsage)));
        for (int i = 0; i < deltas.size(); i++) {
            pieces.add(event(i == 0 ? Duration.ZERO : answer.tokenDelay(), wire.contentChunk(deltas.get(i), includeUsage)));
        }
        if (answer.streamError() != null) {
            List<ScriptedBody.Piece> failing = new ArrayList<>(
                    pieces.subList(0, 1 + Math.min(answer.cutAfterDeltas(), deltas.size())));
            String error = ChatCompletionWire.error(json, answer.streamError(), answer.streamError().message());
            failing.add(event(Duration.ZERO, error));
            return eventStream(call, answer).body(ScriptedBody.chunked(failing, pause))
                    .removeHeader("Content-Length").setHeader("Transfer-Encoding", "chunked").build();
        }
        pieces.add(event(Duration.ZERO, wire.finishChunk(answer.finishReason(), includeUsage)));
        if (includeUsage) {
            pieces.add(event(Duration.ZERO, wire.usageChunk(answer, promptTokens(answer, call),
                    completionTokens(answer))));
        }
        if (!answer.endsWithoutDone()) {
            pieces.add(event(Duration.ZERO, "[DONE]"));
        }
        if (answer.cutAfterDeltas() < 0) {
            return eventStream(call, answer).body(ScriptedBody.chunked(pieces, pause))
                    .removeHeader("Content-Length").setHeader("Transfer-Encoding", "chunked").build();
        }
        int written = 1 + Math.min(answer.cutAfterDeltas(), deltas.size());
        return cut(eventStream(call, answer), ScriptedBody.fixed(pieces, written, pause));
    }

    private static MockResponse.Builder eventStream(RecordedCall call, FakeAnswer answer) {
        return common(new MockResponse.Builder().code(200), call, answer.headers())
                .setHeader("content-type", "text/event-stream; charset=utf-8");
    }

    private MockResponse complete(FakeAnswer answer, RecordedCall call) {
        String body = wire(answer, call).completion(answer, answer.text(), promptTokens(answer, call),
                completionTokens(answer));
        long delay = answer.firstTokenDelay().toNanos()
                + answer.tokenDelay().toNanos() * Math.max(0, answer.deltas().size() - 1);
        MockResponse.Builder response = common(new MockResponse.Builder().code(200), call, answer.headers())
                .setHeader("content-type", "application/json");
        if (answer.cutAfterDeltas() < 0) {
            ScriptedBody whole = ScriptedBody.fixed(List.of(new ScriptedBody.Piece(delay, body)), 1, pause);
            return response.body(whole).setHeader("Content-Length", Long.toString(whole.getContentLength())).build();
        }
        int half = body.length() / 2;
        return cut(response, ScriptedBody.fixed(List.of(new ScriptedBody.Piece(delay, body.substring(0, half)),
                new ScriptedBody.Piece(0, body.substring(half))), 1, pause));
    }

    private static MockResponse cut(MockResponse.Builder response, ScriptedBody body) {
        return response.body(body)
                .setHeader("Content-Length", Long.toString(body.getContentLength()))
                .onResponseEnd(new SocketEffect.CloseSocket())
                .build();
    }

    private ChatCompletionWire wire(FakeAnswer answer, RecordedCall call) {
        String model = answer.model().isEmpty() ? call.model() : answer.model();
        return new ChatCompletionWire(json, "chatcmpl-FAKE" + call.sequence(), CREATED, model);
    }

    private static MockResponse.Builder common(MockResponse.Builder builder, RecordedCall call,
                                               Map<String, String> extra) {
        builder.setHeader("x-request-id", call.answeredRequestId())
                .setHeader("openai-version", "2020-10-01")
                .setHeader("openai-processing-ms", "42")
                .setHeader("openai-organization", "user-fake")
                .setHeader("x-ratelimit-limit-requests", "5000")
                .setHeader("x-ratelimit-remaining-requests", "4999")
                .setHeader("x-ratelimit-reset-requests", "12ms")
                .setHeader("x-ratelimit-limit-tokens", "2000000")
                .setHeader("x-ratelimit-remaining-tokens", "1999000")
                .setHeader("x-ratelimit-reset-tokens", "30ms");
        extra.forEach(builder::setHeader);
        return builder;
    }

    private static ScriptedBody.Piece event(Duration delay, String data) {
        return new ScriptedBody.Piece(delay.toNanos(), "data: " + data + "\n\n");
    }

    private static int promptTokens(FakeAnswer answer, RecordedCall call) {
        if (answer.promptTokens() >= 0) return answer.promptTokens();
        // About four characters per token plus a few per message: near enough for a fake.
        int chars = 0;
        int messages = 0;
        for (JsonNode m : call.body().path("messages")) {
            chars += m.path("content").asText("").length();
            messages++;
        }
        return Math.max(1, chars / 4 + 3 * messages + 3);
    }

    private static int completionTokens(FakeAnswer answer) {
        return answer.completionTokens() >= 0 ? answer.completionTokens() : answer.deltas().size();
    }

    private static String masked(String key) {
        if (key == null || key.length() < 12) return "sk-****";
        int prefix = key.startsWith("sk-proj-") ? 8 : 3;
        return key.substring(0, prefix) + "*".repeat(8) + key.substring(key.length() - 4);
    }
}
