package dev.askgate.server;

import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.HttpDelivery;
import dev.askgate.testkit.slack.SlackMessage;
import dev.askgate.testkit.slack.SlackSigner;
import dev.askgate.testkit.slack.SlashCommand;
import dev.askgate.testkit.slack.SocketAck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static dev.askgate.server.ServeProcess.WAIT;
import static dev.askgate.server.SlackServe.APP_TOKEN;
import static dev.askgate.server.SlackServe.BOT_TOKEN;
import static dev.askgate.server.SlackServe.KEY;
import static dev.askgate.server.SlackServe.SIGNING_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code askgate serve} in its own process with Slack in HTTP mode (Slack's signed requests reach the
 * adapter at {@code POST /slack/events} on ASKGATE_PORT, next to /healthz; unsigned ones are refused there) and in
 * Socket Mode (an {@code /ask} over the WebSocket is acknowledged and answered); no secret reaches the output.
 */
class ServeWithSlackTest {
    private final SlackServe fixture = new SlackServe();
    private final FakeOpenAi openAi = fixture.openAi;
    private final FakeSlack slack = fixture.slack;

    @AfterEach
    void close() throws IOException {
        fixture.close();
    }

    @Test
    void serveAnswersASignedSlashCommandAtSlackEventsAndRefusesAnUnsignedOne(@TempDir Path dir) throws Exception {
        openAi.answerAlways("The *staging* database is `db-2`.");
        // Posted and updated messages (the Markdown made Slack mrkdwn), as SLACK_STREAMING says.
        ServeProcess serve = fixture.httpMode(dir, Map.of("SLACK_STREAMING", "edits"));
        URI events = serve.uri("/slack/events");

        HttpDelivery unsigned = slack.post(events, "application/x-www-form-urlencoded",
                "command=%2Fask&text=hello", Map.of());
        HttpDelivery signed = slack.post(events, slack.slashCommand("/ask", "C0FAKE0001", "U0FAKEUSR1",
                "which database is staging?"), new SlackSigner(SIGNING_SECRET));

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(signed.status()).isEqualTo(200);
        SlackMessage answer = slack.awaitBotMessage("C0FAKE0001",
                message -> !message.threadTs().isEmpty() && message.text().startsWith("The "));
        // Markdown's *emphasis* is Slack's _italics_.
        assertThat(slack.await(() -> slack.thread("C0FAKE0001", answer.threadTs()).stream()
                        .filter(m -> m.ts().equals(answer.ts()) && m.text().equals("The _staging_ database is `db-2`."))
                        .findFirst(), WAIT, "the final answer")).isNotNull();
        assertThat(openAi.chatRequests()).hasSize(1);
        assertThat(openAi.lastRequest().messageContents()).last().isEqualTo("which database is staging?");

        int status = serve.terminate();
        String log = serve.log();
        assertThat(status).as(log).isZero();
        assertThat(log + unsigned.body() + signed.body())
                .doesNotContain(KEY).doesNotContain(BOT_TOKEN).doesNotContain(SIGNING_SECRET);
    }

    @Test
    void serveInSocketModeAcknowledgesAnAskDeliveredOverTheWebSocketAndAnswersIt(@TempDir Path dir) throws Exception {
        openAi.answerAlways("Use **git revert**.");
        ServeProcess serve = fixture.socketMode(dir);

        SocketAck ack = slack.socketMode().awaitAck(slack.deliver(
                slack.slashCommand("/ask", "C0FAKE0001", "U0FAKEUSR1", "how do I undo a pushed commit?")), WAIT);

        assertThat(ack.after()).isLessThan(Duration.ofSeconds(3)); // Slack's protocol deadline
        // By default the answer streams natively: Slack shows the model's Markdown as it is.
        SlackMessage answer = slack.awaitBotMessage("C0FAKE0001",
                message -> !message.threadTs().isEmpty() && message.text().equals("Use **git revert**."));
        assertThat(slack.calls("chat.startStream")).hasSize(1);
        assertThat(slack.thread("C0FAKE0001", answer.threadTs()).getFirst().text()).contains("asked:");
        assertThat(openAi.lastRequest().messageContents()).last().isEqualTo("how do I undo a pushed commit?");

        int status = serve.terminate();
        String log = serve.log();
        assertThat(status).as(log).isZero();
        assertThat(log).doesNotContain(KEY).doesNotContain(BOT_TOKEN).doesNotContain(APP_TOKEN);
    }
    @Test
    void theExchangesRequestIdReachesTheOpenAiCallAndTheQuestionsLogLines(@TempDir Path dir) throws Exception {
        openAi.answerAlways("Yes.");
        ServeProcess serve = fixture.httpMode(dir, Map.of());
        SlashCommand command = slack.slashCommand("/ask", "C0FAKE0001", "U0FAKEUSR1", "is the id carried?");
        String body = command.formBody();
        Map<String, String> headers = new HashMap<>(new SlackSigner(SIGNING_SECRET)
                .headers(Instant.now().getEpochSecond(), body));
        headers.put("X-Request-Id", "e2e-FAKE-0001");

        HttpDelivery delivery = slack.post(serve.uri("/slack/events"), "application/x-www-form-urlencoded", body,
                headers);

        assertThat(delivery.status()).isEqualTo(200);
        assertThat(delivery.headers()).containsEntry("X-Request-Id", "e2e-FAKE-0001");
        slack.awaitBotMessage("C0FAKE0001", message -> message.text().equals("Yes."));
        assertThat(openAi.lastRequest().header("X-Client-Request-Id")).isEqualTo("e2e-FAKE-0001");
        serve.terminate();
        assertThat(serve.log().lines().filter(line -> line.contains("request=e2e-FAKE-0001")))
                .anyMatch(line -> line.contains("/ask accepted"))
                .anyMatch(line -> line.contains(" answered: "));
    }

    @Test
    void aDeliveryWithoutAnHttpRequestIdGetsANewOneThatStillReachesTheOpenAiCall(@TempDir Path dir) throws Exception {
        openAi.answerAlways("Yes.");
        ServeProcess serve = fixture.socketMode(dir);

        slack.socketMode().awaitAck(slack.deliver(
                slack.slashCommand("/ask", "C0FAKE0001", "U0FAKEUSR1", "and without HTTP?")), WAIT);

        slack.awaitBotMessage("C0FAKE0001", message -> message.text().equals("Yes."));
        String sent = openAi.lastRequest().header("X-Client-Request-Id");
        assertThat(sent).matches("[0-9a-f]{12}");
        serve.terminate();
        assertThat(serve.log()).contains("request=" + sent + " channel=C0FAKE0001 /ask accepted");
    }
}
