package dev.askgate.testkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FakeSlackAiAppTest {
    private static final String BOT = "xoxb-FAKE-test";
    private static final String FEEDBACK_BLOCKS = """
            [{"type":"context_actions","elements":[{"type":"feedback_buttons","action_id":"askgate_feedback",
              "positive_button":{"text":{"type":"plain_text","text":"Good"},"value":"good"},
              "negative_button":{"text":{"type":"plain_text","text":"Bad"},"value":"bad"}}]}]""";
    private final FakeSlack slack = new FakeSlack(BOT, "xapp-FAKE-test");
    private final OkHttpClient http = new OkHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        slack.close();
    }

    private JsonNode call(String method, String... pairs) throws IOException {
        FormBody.Builder form = new FormBody.Builder();
        for (int i = 0; i < pairs.length; i += 2) form.add(pairs[i], pairs[i + 1]);
        Request request = new Request.Builder().url(slack.apiUrl() + method).header("Authorization", "Bearer " + BOT)
                .post(form.build()).build();
        try (Response response = http.newCall(request).execute()) {
            JsonNode body = json.readTree(response.body().string());
            return response.code() == 200 ? body : json.createObjectNode().put("status", response.code());
        }
    }

    @Test
    void aChannelStreamNeedsItsRecipientAndBuildsOneThreadReplyFromItsAppends() throws IOException {
        String root = slack.userMessage("C1", "U1", "question", "");
        assertThat(call("chat.startStream", "channel", "C1", "thread_ts", root).path("error").asText())
                .isEqualTo("missing_recipient_user_id");
        assertThat(call("chat.startStream", "channel", "C1", "thread_ts", root, "recipient_user_id", "U1")
                .path("error").asText()).isEqualTo("missing_recipient_team_id");
        assertThat(call("chat.startStream", "channel", "C1").path("error").asText()).isEqualTo("invalid_arguments");

        JsonNode started = call("chat.startStream", "channel", "C1", "thread_ts", root, "recipient_user_id", "U1",
                "recipient_team_id", FakeSlack.TEAM_ID, "markdown_text", "Hel");
        String ts = started.path("ts").asText();
        assertThat(started.path("ok").asBoolean()).isTrue();
        assertThat(call("chat.appendStream", "channel", "C1", "ts", ts, "markdown_text", "lo, ").path("ok").asBoolean()).isTrue();
        assertThat(call("chat.appendStream", "channel", "C1", "ts", ts, "markdown_text", "**world**").path("ok").asBoolean()).isTrue();
        assertThat(call("chat.stopStream", "channel", "C1", "ts", ts, "markdown_text", "!", "blocks", FEEDBACK_BLOCKS)
                .path("ok").asBoolean()).isTrue();

        SlackStream stream = slack.stream("C1", ts).orElseThrow();
        assertThat(stream.text()).isEqualTo("Hello, **world**!");
        assertThat(stream.appends()).isEqualTo(2);
        assertThat(stream.stopped()).isTrue();
        assertThat(stream.recipientUserId()).isEqualTo("U1");
        assertThat(stream.feedbackButtons().orElseThrow().path("action_id").asText()).isEqualTo("askgate_feedback");
        assertThat(slack.thread("C1", root)).extracting(SlackMessage::text).containsExactly("question", "Hello, **world**!");
        assertThat(call("chat.appendStream", "channel", "C1", "ts", ts, "markdown_text", "more").path("error").asText())
                .isEqualTo("message_not_in_streaming_state");
        assertThat(call("chat.appendStream", "channel", "C1", "ts", "1.000001", "markdown_text", "x").path("error").asText())
                .isEqualTo("message_not_found");
    }

    @Test
    void aDirectMessageStreamNeedsNoRecipientAndEachCallHoldsAtMostTwelveThousandCharacters() throws IOException {
        String root = slack.userMessage("D1", "U1", "question", "");
        JsonNode started = call("chat.startStream", "channel", "D1", "thread_ts", root);
        assertThat(started.path("ok").asBoolean()).isTrue();
        String ts = started.path("ts").asText();
        assertThat(call("chat.appendStream", "channel", "D1", "ts", ts, "markdown_text", "x".repeat(12_000))
                .path("ok").asBoolean()).isTrue();
        assertThat(call("chat.appendStream", "channel", "D1", "ts", ts, "markdown_text", "x".repeat(12_001))
                .path("error").asText()).isEqualTo("msg_too_long");
        assertThat(slack.stream("D1", ts).orElseThrow().text()).hasSize(12_000);
    }

    @Test
    void streamingCanBeMadeUnavailableAsOnAnOlderGridAndThenNothingIsPosted() throws IOException {
        String root = slack.userMessage("D1", "U1", "question", "");
        slack.streamingUnavailable("unknown_method");
        assertThat(call("chat.startStream", "channel", "D1", "thread_ts", root).path("error").asText())
                .isEqualTo("unknown_method");
        assertThat(slack.thread("D1", root)).hasSize(1);
        slack.streamingUnavailable(null);
        assertThat(call("chat.startStream", "channel", "D1", "thread_ts", root).path("ok").asBoolean()).isTrue();
    }

    @Test
    void enforcedLimitsAllowTwentyStreamStartsAMinutePerWorkspace() throws IOException {
        slack.enforce(SlackLimits.PUBLISHED);
        String root = slack.userMessage("D1", "U1", "question", "");
        for (int i = 0; i < 20; i++) {
            assertThat(call("chat.startStream", "channel", "D" + i, "thread_ts", root).path("ok").asBoolean()).isTrue();
        }
        assertThat(call("chat.startStream", "channel", "D99", "thread_ts", root).path("status").asInt()).isEqualTo(429);
        assertThat(slack.rateLimitedCalls()).isEqualTo(1);
    }

    @Test
    void aStatusShowsUntilTheBotRepliesInTheThreadOrClearsIt() throws IOException {
        String root = slack.userMessage("C1", "U1", "question", "");
        call("assistant.threads.setStatus", "channel_id", "C1", "thread_ts", root, "status", "is thinking…",
                "loading_messages", "[\"Reading the thread…\",\"Thinking…\"]");
        assertThat(slack.assistantStatus("C1", root)).contains("is thinking…");
        assertThat(slack.assistantCalls("setStatus").getFirst().params().get("loading_messages")).contains("Thinking…");
        call("chat.postMessage", "channel", "C1", "thread_ts", root, "text", "the answer");
        assertThat(slack.assistantStatus("C1", root)).isEmpty();

        call("assistant.threads.setStatus", "channel_id", "C1", "thread_ts", root, "status", "is thinking…");
        assertThat(slack.assistantStatus("C1", root)).isPresent();
        call("assistant.threads.setStatus", "channel_id", "C1", "thread_ts", root, "status", "");
        assertThat(slack.assistantStatus("C1", root)).isEmpty();
        assertThat(call("assistant.threads.setStatus", "channel_id", "C1", "status", "x").path("error").asText())
                .isEqualTo("invalid_arguments");
    }

    @Test
    void suggestedPromptsAndTitlesAreRecordedForTheirThread() throws IOException {
        SlackEvent started = slack.assistantThreadStarted("D1", "U1", "C7");
        JsonNode thread = started.payload().path("event").path("assistant_thread");
        assertThat(started.payload().path("event").path("type").asText()).isEqualTo("assistant_thread_started");
        assertThat(thread.path("user_id").asText()).isEqualTo("U1");
        assertThat(thread.path("channel_id").asText()).isEqualTo("D1");
        assertThat(thread.path("context").path("channel_id").asText()).isEqualTo("C7");
        String ts = thread.path("thread_ts").asText();

        call("assistant.threads.setSuggestedPrompts", "channel_id", "D1", "thread_ts", ts,
                "prompts", "[{\"title\":\"Summarize\",\"message\":\"Summarize this\"}]", "title", "Try these");
        call("assistant.threads.setTitle", "channel_id", "D1", "thread_ts", ts, "title", "About budgets");
        assertThat(slack.assistantCalls("setSuggestedPrompts")).singleElement()
                .satisfies(c -> assertThat(c.params().get("prompts")).contains("Summarize this"));
        assertThat(slack.assistantCalls("setTitle")).singleElement()
                .satisfies(c -> assertThat(c.params()).containsEntry("title", "About budgets").containsEntry("thread_ts", ts));

        SlackEvent changed = slack.assistantThreadContextChanged("D1", "U1", ts, "C8");
        assertThat(changed.payload().path("event").path("assistant_thread").path("context").path("channel_id").asText())
                .isEqualTo("C8");
        assertThat(changed.eventId()).isNotEqualTo(started.eventId());
    }

    @Test
    void aFeedbackClickIsABlockActionsPayloadNamingTheMessageAndTheValue() {
        String root = slack.userMessage("C1", "U1", "question", "");
        String answer = slack.botMessage("C1", "the answer", root);
        SlackInteraction click = slack.feedbackClick("C1", answer, "U1", "good", "askgate_feedback");
        JsonNode p = click.payload();
        assertThat(p.path("type").asText()).isEqualTo("block_actions");
        assertThat(p.path("user").path("id").asText()).isEqualTo("U1");
        assertThat(p.path("container").path("message_ts").asText()).isEqualTo(answer);
        assertThat(p.path("container").path("thread_ts").asText()).isEqualTo(root);
        assertThat(p.path("actions").get(0).path("type").asText()).isEqualTo("feedback_buttons");
        assertThat(p.path("actions").get(0).path("value").asText()).isEqualTo("good");
        assertThat(p.path("response_url").asText()).startsWith(slack.apiUrl().replace("/api/", "/respond/"));
        String form = click.formBody();
        assertThat(form).startsWith("payload=");
        assertThat(URLDecoder.decode(form.substring(8), StandardCharsets.UTF_8)).isEqualTo(click.json());
    }

    @Test
    void streamsCanBeAwaitedUntilTheyStop() throws IOException {
        String root = slack.userMessage("D1", "U1", "question", "");
        String ts = call("chat.startStream", "channel", "D1", "thread_ts", root).path("ts").asText();
        Map<String, String> stop = new LinkedHashMap<>(Map.of("channel", "D1", "ts", ts, "markdown_text", "done"));
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(Duration.ofMillis(100));
                call("chat.stopStream", stop.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
                        .toArray(String[]::new));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        assertThat(slack.awaitStream("D1", SlackStream::stopped).text()).isEqualTo("done");
    }
}
