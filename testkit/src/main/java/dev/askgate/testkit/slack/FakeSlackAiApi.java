package dev.askgate.testkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AI-app methods of the fake Web API, as Slack documents them: native streaming ({@code chat.startStream},
 * {@code chat.appendStream}, {@code chat.stopStream}) into one thread reply, and the assistant thread calls
 * ({@code assistant.threads.setStatus}, {@code setSuggestedPrompts}, {@code setTitle}). Called under the fake's
 * lock by {@link FakeSlackWebApi}, which records each call.
 */
final class FakeSlackAiApi {
    /** Slack's limit on {@code markdown_text} per streaming call. */
    static final int MARKDOWN_TEXT_LIMIT = 12_000;

    private final FakeSlack fake;
    private final FakeSlackWebApi web;
    private final ObjectMapper json;
    private final Map<String, SlackStream> streams = new ConcurrentHashMap<>();
    private final List<AssistantCall> assistantCalls = new ArrayList<>();
    /** The error {@code chat.startStream} answers with, such as {@code unknown_method}; null: streaming works. */
    volatile String startStreamError;

    FakeSlackAiApi(FakeSlack fake, FakeSlackWebApi web, ObjectMapper json) {
        this.fake = fake;
        this.web = web;
        this.json = json;
    }

    /** The answer to {@code method}, or empty when it is not one of this half's methods. */
    Optional<ObjectNode> answer(String method, Map<String, String> p) {
        return Optional.ofNullable(switch (method) {
            case "chat.startStream" -> startStream(p);
            case "chat.appendStream" -> appendStream(p);
            case "chat.stopStream" -> stopStream(p);
            case "assistant.threads.setStatus", "assistant.threads.setSuggestedPrompts",
                 "assistant.threads.setTitle" -> assistant(method, p);
            default -> null;
        });
    }

    private ObjectNode startStream(Map<String, String> p) {
        if (startStreamError != null) return web.error(startStreamError);
        String channel = p.getOrDefault("channel", "");
        String markdown = p.getOrDefault("markdown_text", "");
        ObjectNode problem = web.channelProblem(channel, "");
        if (problem != null) return problem;
        if (p.getOrDefault("thread_ts", "").isEmpty()) return web.error("invalid_arguments");
        // Outside a direct message Slack must know whom the stream is for.
        if (!channel.startsWith("D")) {
            if (p.getOrDefault("recipient_user_id", "").isEmpty()) return web.error("missing_recipient_user_id");
            if (p.getOrDefault("recipient_team_id", "").isEmpty()) return web.error("missing_recipient_team_id");
        }
        if (markdown.length() > MARKDOWN_TEXT_LIMIT) return web.error("msg_too_long");
        String ts = web.nextTs();
        SlackStream stream = new SlackStream(channel, ts, p.get("thread_ts"), p.getOrDefault("recipient_user_id", ""),
                p.getOrDefault("recipient_team_id", ""), markdown, 0, false, null);
        streams.put(key(channel, ts), stream);
        fake.store(new SlackMessage(channel, ts, p.get("thread_ts"), FakeSlack.BOT_USER_ID, FakeSlack.BOT_ID, markdown));
        ObjectNode ok = ok();
        ok.put("channel", channel);
        ok.put("ts", ts);
        return ok;
    }

    private ObjectNode appendStream(Map<String, String> p) {
        String markdown = p.getOrDefault("markdown_text", "");
        if (markdown.isEmpty()) return web.error("invalid_arguments");
        return changeStream(p, markdown, stream -> stream.appended(markdown));
    }

    private ObjectNode stopStream(Map<String, String> p) {
        String markdown = p.getOrDefault("markdown_text", "");
        JsonNode blocks = parsed(p.get("blocks"));
        return changeStream(p, markdown, stream -> stream.stopped(markdown, blocks));
    }

    private ObjectNode changeStream(Map<String, String> p, String markdown,
                                    java.util.function.UnaryOperator<SlackStream> change) {
        String channel = p.getOrDefault("channel", "");
        ObjectNode problem = web.channelProblem(channel, "");
        if (problem != null) return problem;
        if (markdown.length() > MARKDOWN_TEXT_LIMIT) return web.error("msg_too_long");
        SlackStream stream = streams.get(key(channel, p.getOrDefault("ts", "")));
        if (stream == null) return web.error("message_not_found");
        if (stream.stopped()) return web.error("message_not_in_streaming_state");
        SlackStream changed = change.apply(stream);
        streams.put(key(channel, stream.ts()), changed);
        SlackMessage message = fake.message(channel, stream.ts());
        fake.store(message.withText(changed.text()));
        ObjectNode ok = ok();
        ok.put("channel", channel);
        ok.put("ts", stream.ts());
        return ok;
    }

    private ObjectNode assistant(String method, Map<String, String> p) {
        String channel = p.getOrDefault("channel_id", "");
        String thread = p.getOrDefault("thread_ts", "");
        if (channel.isEmpty() || thread.isEmpty()) return web.error("invalid_arguments");
        ObjectNode problem = web.channelProblem(channel, "");
        if (problem != null) return problem;
        // The ts taken here orders the call among the thread's messages: a later reply clears a status.
        assistantCalls.add(new AssistantCall(method.substring("assistant.threads.".length()), channel, thread,
                web.nextTs(), Map.copyOf(p)));
        return ok();
    }

    // ---- what tests read (under the fake's lock)

    Optional<SlackStream> stream(String channel, String ts) {
        return Optional.ofNullable(streams.get(key(channel, ts)));
    }

    List<AssistantCall> assistantCalls() {
        return List.copyOf(assistantCalls);
    }

    /**
     * The status the thread shows now: the last {@code setStatus} unless it set an empty status or the bot has
     * posted (or started a stream) in the thread since, as Slack clears it then.
     */
    Optional<String> currentStatus(String channel, String thread) {
        Optional<AssistantCall> last = assistantCalls.stream()
                .filter(c -> c.kind().equals("setStatus") && c.channel().equals(channel) && c.threadTs().equals(thread))
                .reduce((a, b) -> b);
        if (last.isEmpty() || last.get().params().getOrDefault("status", "").isEmpty()) return Optional.empty();
        String since = last.get().order();
        boolean answered = fake.thread(channel, thread).stream()
                .anyMatch(m -> m.fromBot() && m.ts().compareTo(since) > 0);
        return answered ? Optional.empty() : Optional.of(last.get().params().get("status"));
    }

    private JsonNode parsed(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return json.readTree(text);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(text);
        }
    }

    private ObjectNode ok() {
        ObjectNode ok = json.createObjectNode();
        ok.put("ok", true);
        return ok;
    }

    private static String key(String channel, String ts) {
        return channel + "/" + ts;
    }
}
