package dev.askgate.server;

import dev.askgate.core.usage.FeedbackLine;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.store.UsageStores;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.HttpDelivery;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackMessage;
import dev.askgate.testkit.slack.SlackSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static dev.askgate.server.ServeProcess.WAIT;
import static dev.askgate.server.SlackServe.SIGNING_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code askgate serve} with Slack in HTTP mode: a 👍 on an answer is acknowledged, thanked privately,
 * counted at {@code /metrics}, and kept in the usage store joined to the answer's ledger row (so to its model).
 */
class ServeSlackFeedbackTest {
    private static final String REQUEST = "fb0123456789";
    private static final String CHANNEL = "C0FAKE0001";
    private static final String ASKER = "U0FAKEUSR1";
    private final SlackServe fixture = new SlackServe();
    private final FakeOpenAi openAi = fixture.openAi;
    private final FakeSlack slack = fixture.slack;
    private final SlackSigner signer = new SlackSigner(SIGNING_SECRET);

    @AfterEach
    void close() throws IOException {
        fixture.close();
    }

    @Test
    void aThumbsUpOnAnAnswerIsThankedCountedAndKeptWithTheAnswersModel(@TempDir Path dir) throws Exception {
        openAi.answerAlways("Restart the pod.");
        ServeProcess serve = fixture.httpMode(dir, Map.of());
        URI events = serve.uri("/slack/events");
        String ask = slack.slashCommand("/ask", CHANNEL, ASKER, "how do I fix it?").formBody();
        Map<String, String> headers = new HashMap<>(signer.headers(Instant.now().getEpochSecond(), ask));
        headers.put("X-Request-Id", REQUEST); // the question's request id, which the answer's buttons carry
        assertThat(slack.post(events, "application/x-www-form-urlencoded", ask, headers).status()).isEqualTo(200);
        SlackMessage answer = slack.awaitBotMessage(CHANNEL,
                m -> !m.threadTs().isEmpty() && m.text().startsWith("Restart"));

        HttpDelivery click = slack.post(events, slack.feedbackClick(CHANNEL, answer.ts(), "U0FAKEUSR2",
                "up:" + REQUEST, "askgate_feedback"), signer);

        assertThat(click.status()).isEqualTo(200);
        SlackCall thanks = slack.awaitCall("chat.postEphemeral", c -> "U0FAKEUSR2".equals(c.param("user")));
        assertThat(thanks.text()).contains("Thanks");
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(serve.uri("/metrics")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(new PrometheusText(scrape.body()).value("askgate_answer_feedback_total", "platform", "slack",
                "vote", "up")).hasValue(1.0);
        assertThat(serve.terminate()).as(serve.log()).isZero();
        assertThat(serve.log()).contains("request=" + REQUEST + " vote=up answer feedback")
                .doesNotContain("how do I fix it").doesNotContain("Restart the pod");
        try (UsageStore store = UsageStores.open("jdbc:sqlite:" + dir.resolve("usage/askgate.db"), "", "")) {
            assertThat(store.feedbackReport(Instant.EPOCH)).singleElement().satisfies(line -> {
                assertThat(line.model()).as("joined to the answer's ledger row").isNotEmpty();
                assertThat(line).isEqualTo(new FeedbackLine(line.model(), 1, 0));
            });
        }
    }
}
