package dev.askgate.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.slack.api.Slack;
import com.slack.api.methods.SlackApiException;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calls every answer makes — {@code chat.postMessage} and {@code chat.update}, a native stream's
 * {@code chat.startStream}, {@code chat.appendStream} and {@code chat.stopStream}, and the thinking status
 * ({@code assistant.threads.setStatus}) — sent through the Slack client's own OkHttp client (its endpoint,
 * User-Agent and timeouts) with the bot token as bearer, as the SDK sends them, with the SDK's form field names and encodings, and read with Jackson for the
 * only fields Askgate uses ({@code ok}, {@code error}, {@code ts}). The SDK's {@code MethodsClient} builds a new
 * Gson for every response, and with it reflective adapters for Slack's whole {@code Message} model: profiled under
 * a burst of {@code /ask} that was a third of Askgate's CPU (the posts), and later a tenth (the status). Failures
 * come out as the SDK's do, for {@link WebApiRetry}: an HTTP error as a {@link SlackApiException}, {@code ok:false}
 * as a {@link SlackCallFailed} with Slack's code.
 */
final class ChatMethods {
    private final OkHttpClient http;
    private final String endpoint;
    private final String authorization;
    /** Each method's URL, parsed once: parsing it for every call was a few percent of an answer's CPU. */
    private final Map<String, HttpUrl> urls = new ConcurrentHashMap<>();
    private final ObjectReader json = new ObjectMapper().reader();

    ChatMethods(Slack slack, String botToken) {
        this.http = slack.getHttpClient().getOkHttpClient();
        this.endpoint = slack.getConfig().getMethodsEndpointUrlPrefix();
        this.authorization = "Bearer " + Objects.requireNonNull(botToken, "botToken");
    }

    /**
     * Posts {@code text} (mrkdwn, links not unfurled) in {@code channel}, in the thread {@code threadTs} when not
     * empty, with {@code metadataJson} as the message's metadata and {@code blocksJson} as its blocks when not
     * null (then {@code text} is the notification's fallback); returns the new message's ts.
     */
    String postMessage(String channel, String threadTs, String text, String blocksJson, String metadataJson)
            throws IOException, SlackApiException {
        FormBody.Builder form = new FormBody.Builder().add("channel", channel);
        if (threadTs != null && !threadTs.isEmpty()) form.add("thread_ts", threadTs);
        form.add("text", text).add("mrkdwn", "true").add("unfurl_links", "false").add("unfurl_media", "false")
                .add("metadata", metadataJson);
        if (blocksJson != null) form.add("blocks", blocksJson);
        String ts = call("chat.postMessage", form.build()).path("ts").asText("");
        if (ts.isEmpty()) throw new SlackCallFailed("chat.postMessage", "no_ts_in_answer");
        return ts;
    }

    /** Replaces the text of message {@code ts} in {@code channel}, and its blocks with {@code blocksJson} when not null. */
    void update(String channel, String ts, String text, String blocksJson) throws IOException, SlackApiException {
        FormBody.Builder form = new FormBody.Builder().add("channel", channel).add("ts", ts).add("text", text);
        if (blocksJson != null) form.add("blocks", blocksJson);
        call("chat.update", form.build());
    }

    /**
     * Opens a native stream as a reply in {@code threadTs}, for {@code recipientUser} of {@code recipientTeam} when
     * not null (Slack needs them outside direct messages), with {@code markdown} first when not empty; returns its ts.
     */
    String startStream(String channel, String threadTs, String recipientUser, String recipientTeam, String markdown)
            throws IOException, SlackApiException {
        FormBody.Builder form = new FormBody.Builder().add("channel", channel).add("thread_ts", threadTs);
        if (!markdown.isEmpty()) form.add("markdown_text", markdown);
        if (recipientUser != null) form.add("recipient_user_id", recipientUser);
        if (recipientTeam != null) form.add("recipient_team_id", recipientTeam);
        String ts = call("chat.startStream", form.build()).path("ts").asText("");
        if (ts.isEmpty()) throw new SlackCallFailed("chat.startStream", "no_ts_in_answer");
        return ts;
    }

    /** Appends {@code markdown} to the open stream {@code ts}. */
    void appendStream(String channel, String ts, String markdown) throws IOException, SlackApiException {
        call("chat.appendStream", new FormBody.Builder().add("channel", channel).add("ts", ts)
                .add("markdown_text", markdown).build());
    }

    /** Ends the stream {@code ts} with its last {@code markdown} (may be empty) and {@code blocksJson} (may be null). */
    void stopStream(String channel, String ts, String markdown, String blocksJson) throws IOException, SlackApiException {
        FormBody.Builder form = new FormBody.Builder().add("channel", channel).add("ts", ts);
        if (!markdown.isEmpty()) form.add("markdown_text", markdown);
        if (blocksJson != null) form.add("blocks", blocksJson);
        call("chat.stopStream", form.build());
    }

    /**
     * Shows {@code status} (empty clears it) under the thread {@code threadTs}, cycling {@code loadingMessages}
     * when there are any (joined with commas, as the SDK sends them).
     */
    void setStatus(String channel, String threadTs, String status, List<String> loadingMessages)
            throws IOException, SlackApiException {
        FormBody.Builder form = new FormBody.Builder().add("channel_id", channel).add("thread_ts", threadTs)
                .add("status", status);
        if (!loadingMessages.isEmpty()) form.add("loading_messages", String.join(",", loadingMessages));
        call("assistant.threads.setStatus", form.build());
    }

    private JsonNode call(String method, FormBody form) throws IOException, SlackApiException {
        Request request = new Request.Builder().url(urls.computeIfAbsent(method, m -> HttpUrl.get(endpoint + m)))
                .header("Authorization", authorization).post(form).build();
        try (Response response = http.newCall(request).execute()) {
            ResponseBody body = response.body();
            String text = body == null ? "" : body.string();
            if (!response.isSuccessful()) throw new SlackApiException(response, text);
            JsonNode answer = json.readTree(text);
            if (answer == null || !answer.path("ok").asBoolean(false)) {
                throw new SlackCallFailed(method, answer == null ? "empty_answer" : answer.path("error").asText("unknown_error"));
            }
            return answer;
        }
    }
}
