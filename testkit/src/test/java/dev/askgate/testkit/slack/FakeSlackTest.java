package dev.askgate.testkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class FakeSlackTest {
    private static final String BOT = "xoxb-FAKE-test";
    private static final String APP = "xapp-FAKE-test";
    private final FakeSlack slack = new FakeSlack(BOT, APP);
    private final OkHttpClient http = new OkHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        slack.close();
    }

    private JsonNode call(String method, String token, Map<String, String> params) throws IOException {
        FormBody.Builder form = new FormBody.Builder();
        params.forEach(form::add);
        Request request = new Request.Builder().url(slack.apiUrl() + method).header("Authorization", "Bearer " + token)
                .post(form.build()).build();
        try (Response response = http.newCall(request).execute()) {
            return json.readTree(response.body().string());
        }
    }

    @Test
    void authTestAcceptsOnlyTheBotToken() throws Exception {
        assertThat(call("auth.test", BOT, Map.of()).path("user_id").asText()).isEqualTo(FakeSlack.BOT_USER_ID);
        assertThat(call("auth.test", "xoxb-FAKE-other", Map.of()).path("error").asText()).isEqualTo("invalid_auth");
    }

    private Response raw(String method, Map<String, String> params, OkHttpClient client) throws IOException {
        FormBody.Builder form = new FormBody.Builder();
        params.forEach(form::add);
        return client.newCall(new Request.Builder().url(slack.apiUrl() + method).header("Authorization", "Bearer " + BOT)
                .post(form.build()).build()).execute();
    }

    @Test
    void countCountsTheMessagesThatMatch() throws Exception {
        call("chat.postMessage", BOT, Map.of("channel", "C1", "text", "the answer"));
        call("chat.postMessage", BOT, Map.of("channel", "C2", "text", "the answer"));
        call("chat.postMessage", BOT, Map.of("channel", "C2", "text", "another"));

        assertThat(slack.count(m -> m.fromBot() && m.text().equals("the answer"))).isEqualTo(2);
        assertThat(slack.count(m -> m.channel().equals("C2"))).isEqualTo(2);
        assertThat(slack.count(m -> !m.fromBot())).isZero();
    }

    @Test
    void faultPlansSpendOneCallEachInOrderThenCallsAreAnsweredNormally() throws Exception {
        slack.faultNext("chat.postMessage", SlackFault.HTTP_500, SlackFault.HTTP_429, SlackFault.RATELIMITED_OK_FALSE);
        Map<String, String> post = Map.of("channel", "C1", "text", "hi");

        try (Response r = raw("chat.postMessage", post, http)) {
            assertThat(r.code()).isEqualTo(500);
        }
        try (Response r = raw("chat.postMessage", post, http)) {
            assertThat(r.code()).isEqualTo(429);
            assertThat(r.header("Retry-After")).isEqualTo("1");
        }
        assertThat(call("chat.postMessage", BOT, post).path("error").asText()).isEqualTo("ratelimited");
        assertThat(call("chat.postMessage", BOT, post).path("ok").asBoolean()).isTrue();
        assertThat(slack.messages()).hasSize(1);
    }

    @Test
    void aResetAfterProcessingKeepsTheMessageWhileTheClientSeesNoAnswer() throws Exception {
        slack.faultNext("chat.postMessage", SlackFault.RESET_BEFORE_RESPONSE, SlackFault.RESET_AFTER_PROCESSING);
        OkHttpClient noRetry = http.newBuilder().retryOnConnectionFailure(false).build();
        Map<String, String> post = Map.of("channel", "C1", "text", "hi");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> raw("chat.postMessage", post, noRetry).close())
                .isInstanceOf(IOException.class);
        assertThat(slack.messages()).isEmpty();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> raw("chat.postMessage", post, noRetry).close())
                .isInstanceOf(IOException.class);
        assertThat(slack.messages()).hasSize(1);
    }

    @Test
    void enforcedLimitsAnswer429WithRetryAfterBeyondTheBurst() throws Exception {
        slack.enforce(new SlackLimits(1.0, 2, 3, java.time.Duration.ofMinutes(1)));
        Map<String, String> post = Map.of("channel", "C1", "text", "hi");
        assertThat(call("chat.postMessage", BOT, post).path("ok").asBoolean()).isTrue();
        assertThat(call("chat.postMessage", BOT, post).path("ok").asBoolean()).isTrue();
        try (Response r = raw("chat.postMessage", post, http)) {
            assertThat(r.code()).isEqualTo(429);
            assertThat(Integer.parseInt(r.header("Retry-After"))).isBetween(1, 2);
        }
        // Another channel has its own bucket.
        assertThat(call("chat.postMessage", BOT, Map.of("channel", "C2", "text", "hi")).path("ok").asBoolean()).isTrue();
        assertThat(slack.rateLimitedCalls()).isEqualTo(1);
        assertThat(slack.calls("chat.postMessage")).filteredOn(SlackCall::rateLimited).hasSize(1);
    }

    @Test
    void postedMessagesCanBeUpdatedAndReadBackAsAThread() throws Exception {
        String root = slack.userMessage("C1", "U1", "question", "");
        String ts = call("chat.postMessage", BOT, Map.of("channel", "C1", "thread_ts", root, "text", "first")).path("ts").asText();
        assertThat(call("chat.update", BOT, Map.of("channel", "C1", "ts", ts, "text", "second")).path("ok").asBoolean()).isTrue();

        JsonNode replies = call("conversations.replies", BOT, Map.of("channel", "C1", "ts", root));

        assertThat(replies.path("messages").findValuesAsText("text")).containsExactly("question", "second");
        assertThat(slack.calls("chat.update")).singleElement().extracting(SlackCall::text).isEqualTo("second");
    }

    @Test
    void scriptedFailuresComeFirstThenNormalAnswers() throws Exception {
        slack.failNext("chat.postMessage", "not_in_channel").botNotIn("C2").msgTooLongAbove(5);
        assertThat(call("chat.postMessage", BOT, Map.of("channel", "C1", "text", "x")).path("error").asText())
                .isEqualTo("not_in_channel");
        assertThat(call("chat.postMessage", BOT, Map.of("channel", "C1", "text", "too long")).path("error").asText())
                .isEqualTo("msg_too_long");
        assertThat(call("chat.postMessage", BOT, Map.of("channel", "C2", "text", "x")).path("error").asText())
                .isEqualTo("not_in_channel");
        assertThat(call("chat.postMessage", BOT, Map.of("channel", "C1", "text", "ok")).path("ok").asBoolean()).isTrue();
    }

    @Test
    void aScriptedRateLimitAnswers429WithRetryAfter() throws Exception {
        slack.rateLimitNext("chat.update", 3);
        Request request = new Request.Builder().url(slack.apiUrl() + "chat.update").header("Authorization", "Bearer " + BOT)
                .post(new FormBody.Builder().add("channel", "C1").build()).build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(429);
            assertThat(response.header("Retry-After")).isEqualTo("3");
        }
    }

    @Test
    void socketModeSaysHelloDeliversEnvelopesAndRecordsAcks() throws Exception {
        String url = call("apps.connections.open", APP, Map.of()).path("url").asText();
        assertThat(call("apps.connections.open", BOT, Map.of()).path("ok").asBoolean()).isFalse();
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        WebSocket ws = http.newWebSocket(new Request.Builder().url(url.replaceFirst("^ws", "http")).build(),
                new WebSocketListener() {
                    @Override
                    public void onMessage(WebSocket webSocket, String text) {
                        received.add(text);
                    }
                });
        assertThat(json.readTree(received.poll(10, TimeUnit.SECONDS)).path("type").asText()).isEqualTo("hello");

        String envelopeId = slack.deliver(slack.slashCommand("/ask", "C1", "U1", "hi"));
        JsonNode envelope = json.readTree(received.poll(10, TimeUnit.SECONDS));
        assertThat(envelope.path("type").asText()).isEqualTo("slash_commands");
        assertThat(envelope.path("payload").path("text").asText()).isEqualTo("hi");
        ws.send("{\"envelope_id\":\"" + envelopeId + "\",\"payload\":{\"text\":\"got it\"}}");

        SocketAck ack = slack.socketMode().awaitAck(envelopeId);
        assertThat(ack.payload().path("text").asText()).isEqualTo("got it");
        ws.close(1000, null);
    }

    @Test
    void theSignerMatchesSlacksDocumentedExample() {
        // The example from Slack's "Verifying requests from Slack" page.
        SlackSigner signer = new SlackSigner("8f742231b10e8888abcd99yyyzzz85a5");
        String body = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
        assertThat(signer.signature(1531420618, body))
                .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    }
}
