package dev.askgate.slack;

import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.openai.FakeReply;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static dev.askgate.slack.SlackHarness.CHANNEL;
import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

class SlackErrorWordingTest {

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void everyModelErrorIsToldToTheAskerPrivatelyInWords(SlackHarness.Mode mode) throws Exception {
        Map<String, FakeReply> cases = new LinkedHashMap<>();
        cases.put("OpenAI key was rejected", FakeOpenAi.invalidApiKey());
        cases.put("out of credit", FakeOpenAi.insufficientQuota());
        cases.put("OpenAI is busy", FakeOpenAi.rateLimited());
        cases.put("too long for the model", FakeOpenAi.contextLengthExceeded());
        cases.put("having trouble", FakeOpenAi.error(503));
        cases.put("is not available", FakeOpenAi.modelNotFound());
        cases.put("may not use this model", FakeOpenAi.permissionDenied());
        cases.put("could not reach OpenAI", FakeOpenAi.connectionDropped());
        try (SlackHarness h = SlackHarness.start(mode)) {
            int n = 0;
            for (var c : cases.entrySet()) {
                h.openAi.enqueue(c.getValue());
                String question = "question number " + (++n);
                h.ask(CHANNEL, USER, question);
                int expectedReplies = n;
                SlackCall reply = h.slack.await(() -> h.slack.calls("response_url").size() >= expectedReplies
                        ? java.util.Optional.of(h.slack.calls("response_url").get(expectedReplies - 1))
                        : java.util.Optional.empty(), FakeSlack.DEFAULT_WAIT, "the private reply to " + question);
                assertThat(reply.param("response_type")).isEqualTo("ephemeral");
                assertThat(reply.text()).as(c.getKey()).contains(c.getKey()).doesNotContain("{", "Exception", "HTTP");
            }
            assertThat(h.openAi.chatRequests()).hasSize(cases.size());
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aStreamThatBreaksMidwayKeepsItsTextAndSaysWhatHappened(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.enqueue(FakeAnswer.of("The first part arrived and then").cutAfter(4));

            h.send(h.slack.appMention(CHANNEL, USER, "<@" + FakeSlack.BOT_USER_ID + "> tell me", ""), 0);

            SlackMessage shown = h.slack.awaitBotMessage(CHANNEL, m -> m.text().contains("cut off"));
            assertThat(shown.text()).startsWith("The first part").contains("connection to OpenAI broke");
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void anUnknownChannelIsExplainedToTheAsker(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.slack.unknownChannel("D0SOMEONE1");

            h.ask("D0SOMEONE1", USER, "what about here?");

            SlackCall reply = h.slack.awaitCall("response_url", c -> true);
            assertThat(reply.text()).contains("/invite @Askgate");
            assertThat(h.openAi.requestCount()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aModelThatTakesTooLongIsToldToTheAskerAsATimeout(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = new SlackHarness(mode, Duration.ofMillis(100), SlackConfig.AccessLists.OPEN, true,
                Duration.ofSeconds(2))) {
            h.openAi.enqueue(FakeAnswer.of("too late").firstTokenAfter(Duration.ofSeconds(10)));

            h.ask(CHANNEL, USER, "a question the model sits on");

            SlackCall reply = h.slack.awaitCall("response_url", c -> true);
            assertThat(reply.param("response_type")).isEqualTo("ephemeral");
            assertThat(reply.text()).contains("took too long").doesNotContain("{", "Exception");
        }
    }
}
