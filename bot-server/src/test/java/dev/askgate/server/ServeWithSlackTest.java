package dev.askgate.server;

import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.HttpDelivery;
import dev.askgate.testkit.slack.SlackMessage;
import dev.askgate.testkit.slack.SlackSigner;
import dev.askgate.testkit.slack.SocketAck;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.askgate.server.ServeProcess.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code askgate serve} in its own process with Slack in HTTP mode (Slack's signed requests reach the
 * adapter at {@code POST /slack/events} on ASKGATE_PORT, next to /healthz; unsigned ones are refused there) and in
 * Socket Mode (an {@code /ask} over the WebSocket is acknowledged and answered); no secret reaches the output.
 */
class ServeWithSlackTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";
    private static final String BOT_TOKEN = "xoxb-FAKE-0000-not-a-real-token";
    private static final String SIGNING_SECRET = "FAKE0signing0secret0000notreal";
    private static final String APP_TOKEN = "xapp-FAKE-0000-not-a-real-token";

    private final FakeOpenAi openAi = new FakeOpenAi();
    private final FakeSlack slack = new FakeSlack(BOT_TOKEN, APP_TOKEN);
    private ServeProcess serve;

    @AfterEach
    void close() throws IOException {
        if (serve != null) serve.close();
        slack.close();
        openAi.close();
    }

    @Test
    void serveAnswersASignedSlashCommandAtSlackEventsAndRefusesAnUnsignedOne(@TempDir Path dir) throws Exception {
        openAi.answerAlways("The *staging* database is `db-2`.");
        serve = ServeProcess.start(Askgate.class, Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                "SLACK_BOT_TOKEN", BOT_TOKEN, "SLACK_SIGNING_SECRET", SIGNING_SECRET,
                "SLACK_API_URL", slack.apiUrl()), dir);
        serve.awaitStatus("/readyz", 200);
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
        serve = ServeProcess.start(Askgate.class, Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                "SLACK_BOT_TOKEN", BOT_TOKEN, "SLACK_APP_TOKEN", APP_TOKEN, "SLACK_API_URL", slack.apiUrl()), dir);
        serve.awaitStatus("/readyz", 200);

        SocketAck ack = slack.socketMode().awaitAck(slack.deliver(
                slack.slashCommand("/ask", "C0FAKE0001", "U0FAKEUSR1", "how do I undo a pushed commit?")), WAIT);

        assertThat(ack.after()).isLessThan(Duration.ofSeconds(3)); // Slack's protocol deadline
        SlackMessage answer = slack.awaitBotMessage("C0FAKE0001",
                message -> !message.threadTs().isEmpty() && message.text().equals("Use *git revert*."));
        assertThat(slack.thread("C0FAKE0001", answer.threadTs()).getFirst().text()).contains("asked:");
        assertThat(openAi.lastRequest().messageContents()).last().isEqualTo("how do I undo a pushed commit?");

        int status = serve.terminate();
        String log = serve.log();
        assertThat(status).as(log).isZero();
        assertThat(log).doesNotContain(KEY).doesNotContain(BOT_TOKEN).doesNotContain(APP_TOKEN);
    }
}
