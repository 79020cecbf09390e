package dev.askgate.slack;

import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.HttpDelivery;
import dev.askgate.testkit.slack.SlackEvent;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.askgate.slack.SlackHarness.CHANNEL;
import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

/** In HTTP mode the exchange's request id is the question's: an event's too, not only a command's. */
class SlackRequestIdTest {
    private static final String BOT = "<@" + FakeSlack.BOT_USER_ID + ">";

    @Test
    void aMentionDeliveredOverHttpCarriesTheExchangesRequestIdToTheOpenAiCall() throws Exception {
        try (SlackHarness h = SlackHarness.httpAnsweringFine()) {
            SlackEvent mention = h.slack.appMention(CHANNEL, USER, BOT + " which id?", "");
            Map<String, String> headers = new HashMap<>(h.signedNow(mention.json()));
            headers.put("X-Request-Id", "mention-FAKE-7");

            HttpDelivery d = h.post("application/json", mention.json(), headers);

            assertThat(d.status()).isEqualTo(200);
            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("fine"));
            assertThat(h.openAi.lastRequest().header("X-Client-Request-Id")).isEqualTo("mention-FAKE-7");
        }
    }

    @Test
    void aCommandDeliveredOverHttpWithAnUnsafeIdGetsANewOne() throws Exception {
        try (SlackHarness h = SlackHarness.httpAnsweringFine()) {
            String body = h.slack.slashCommand("/ask", CHANNEL, USER, "which id now?").formBody();
            Map<String, String> headers = new HashMap<>(h.signedNow(body));
            headers.put("X-Request-Id", "not a safe id");

            h.post("application/x-www-form-urlencoded", body, headers);

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("fine"));
            assertThat(h.openAi.lastRequest().header("X-Client-Request-Id")).matches("[0-9a-f]{12}");
        }
    }
}
