package dev.askgate.slack;

import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.HttpDelivery;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.askgate.slack.SlackHarness.CHANNEL;
import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

class SlackHttpSecurityTest {
    private static SlackHarness h;

    @BeforeAll
    static void start() throws Exception {
        h = SlackHarness.httpAnsweringFine();
    }

    @AfterAll
    static void stop() {
        h.close();
    }

    private static HttpDelivery postCommand(Map<String, String> headers, String body) {
        return h.post("application/x-www-form-urlencoded", body, headers);
    }

    private static void assertRejectedAndModelUntouched(HttpDelivery d) {
        assertThat(d.status()).isEqualTo(401);
        assertThat(d.body()).isEqualTo("{\"error\":\"invalid request\"}");
        // A negative check: give work that a wrongly accepted request would start a moment to show itself.
        settle();
        assertThat(h.openAi.requestCount()).isZero();
        assertThat(h.slack.calls()).extracting(SlackCall::method).containsOnly("auth.test");
    }

    private static void settle() {
        try {
            Thread.sleep(Duration.ofMillis(500));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aSignedRequestPasses() {
        int before = h.openAi.requestCount();
        HttpDelivery d = h.slack.post(h.endpoint(), h.slack.slashCommand("/ask", CHANNEL, USER, "help"), h.signer);

        assertThat(d.status()).isEqualTo(200);
        assertThat(d.body()).contains("/ask");
        assertThat(h.openAi.requestCount()).isEqualTo(before);
    }

    @Test
    void anUnsignedRequestIsRejected() {
        assertRejectedAndModelUntouched(postCommand(Map.of(),
                h.slack.slashCommand("/ask", CHANNEL, USER, "unsigned question").formBody()));
    }

    @Test
    void aWronglySignedRequestIsRejected() {
        String body = h.slack.slashCommand("/ask", CHANNEL, USER, "forged question").formBody();
        SlackSigner wrong = new SlackSigner("FAKEnotthesecret0000");
        assertRejectedAndModelUntouched(postCommand(wrong.headers(Instant.now().getEpochSecond(), body), body));
    }

    @Test
    void aRequestWhoseBodyWasChangedAfterSigningIsRejected() {
        String body = h.slack.slashCommand("/ask", CHANNEL, USER, "original question").formBody();
        Map<String, String> headers = h.signedNow(body);
        assertRejectedAndModelUntouched(postCommand(headers, body.replace("original", "tampered")));
    }

    @Test
    void aStaleRequestIsRejected() {
        String body = h.slack.slashCommand("/ask", CHANNEL, USER, "replayed question").formBody();
        long sixMinutesAgo = Instant.now().getEpochSecond() - 6 * 60;
        assertRejectedAndModelUntouched(postCommand(h.signer.headers(sixMinutesAgo, body), body));
    }

    @Test
    void aRequestFromTheFutureIsRejected() {
        String body = h.slack.slashCommand("/ask", CHANNEL, USER, "future question").formBody();
        long inSixMinutes = Instant.now().getEpochSecond() + 6 * 60;
        assertRejectedAndModelUntouched(postCommand(h.signer.headers(inSixMinutes, body), body));
    }

    @Test
    void anOversizedBodyIsRefused() {
        String body = "payload=" + "x".repeat(SlackHttpEndpoint.MAX_BODY_BYTES + 10);
        HttpDelivery d = postCommand(h.signedNow(body), body);
        assertThat(d.status()).isEqualTo(413);
        assertThat(h.openAi.requestCount()).isZero();
    }

    @Test
    void urlVerificationIsAnsweredWithTheChallenge() {
        String body = "{\"token\":\"FAKEverificationtoken\",\"challenge\":\"FAKEchallenge123\",\"type\":\"url_verification\"}";
        HttpDelivery d = h.post("application/json", body,
                h.signedNow(body));
        assertThat(d.status()).isEqualTo(200);
        assertThat(d.body()).contains("FAKEchallenge123");
    }

    @Test
    void anUnsignedUrlVerificationIsRejected() {
        String body = "{\"token\":\"x\",\"challenge\":\"FAKEchallenge123\",\"type\":\"url_verification\"}";
        assertRejectedAndModelUntouched(h.post("application/json", body, Map.of()));
    }

    @Test
    void anUnsignedEventIsRejectedAndNeverAnswered() {
        var event = h.slack.appMention(CHANNEL, USER, "<@" + FakeSlack.BOT_USER_ID + "> sneaky", "");
        assertRejectedAndModelUntouched(h.post("application/json", event.json(), Map.of()));
        assertThat(h.slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void slacksSignedSslCheckIsAnsweredOk() {
        String body = "ssl_check=1&token=FAKEverificationtoken";
        HttpDelivery d = postCommand(h.signedNow(body), body);

        assertThat(d.status()).isEqualTo(200);
        assertThat(h.openAi.requestCount()).isZero();
    }
}
