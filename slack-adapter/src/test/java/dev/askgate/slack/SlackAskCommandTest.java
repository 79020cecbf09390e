package dev.askgate.slack;

import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackMessage;
import dev.askgate.testkit.slack.SlashCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static dev.askgate.slack.SlackHarness.CHANNEL;
import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

class SlackAskCommandTest {

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void askIsAcknowledgedAndTheAnswerIsPostedInTheThreadOfTheQuotedQuestion(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.enqueue(FakeAnswer.of("Use **git revert** to undo a pushed commit."));

            SlackHarness.Ack ack = h.ask(CHANNEL, USER, "how do I undo a pushed commit?");

            assertThat(ack.status()).isEqualTo(200);
            assertThat(ack.text()).isEmpty();
            SlackMessage quote = h.slack.awaitBotMessage(CHANNEL, m -> m.threadTs().isEmpty());
            // Sent with a raw "> " quote marker; Slack keeps it escaped.
            assertThat(h.slack.calls("chat.postMessage").getFirst().text())
                    .isEqualTo("*<@" + USER + "> asked:*\n> how do I undo a pushed commit?");
            assertThat(quote.text()).isEqualTo("*<@" + USER + "> asked:*\n&gt; how do I undo a pushed commit?");
            String expected = "Use *git revert* to undo a pushed commit.";
            SlackMessage answer = h.slack.await(() -> h.slack.thread(CHANNEL, quote.ts()).stream()
                    .filter(m -> m.fromBot() && m.text().equals(expected)).findFirst(), FakeSlack.DEFAULT_WAIT, "the answer");
            assertThat(answer.threadTs()).isEqualTo(quote.ts());
            assertThat(h.openAi.chatRequests()).hasSize(1);
            assertThat(h.openAi.lastRequest().messageContents()).last().isEqualTo("how do I undo a pushed commit?");
        }
    }

    @Test
    void aQuestionTooLongForASlackMessageIsQuotedShortenedAndAnsweredWhole() throws Exception {
        try (SlackHarness h = SlackHarness.start(SlackHarness.Mode.HTTP)) {
            h.openAi.enqueue(FakeAnswer.of("A long question, answered."));
            String question = "please read all of this: " + "word ".repeat(3_000).strip();

            assertThat(h.ask(CHANNEL, USER, question).status()).isEqualTo(200);

            SlackMessage quote = h.slack.awaitBotMessage(CHANNEL, m -> m.threadTs().isEmpty());
            assertThat(quote.text()).startsWith("*<@" + USER + "> asked:*\n&gt; please read all of this: word")
                    .hasSizeLessThan(4_000).endsWith(QuestionQuote.SHORTENED);
            h.slack.await(() -> h.slack.thread(CHANNEL, quote.ts()).stream()
                    .filter(m -> m.fromBot() && m.text().equals("A long question, answered.")).findFirst(),
                    FakeSlack.DEFAULT_WAIT, "the answer");
            assertThat(h.openAi.lastRequest().messageContents()).last().isEqualTo(question);
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void theAckArrivesWithinThreeSecondsEvenWhenTheModelTakesTenSeconds(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.enqueue(FakeAnswer.of("slow answer").firstTokenAfter(Duration.ofSeconds(10)));

            SlackHarness.Ack ack = h.ask(CHANNEL, USER, "a question the model is slow to answer");

            assertThat(ack.status()).isEqualTo(200);
            assertThat(ack.after()).isLessThan(Duration.ofSeconds(3)); // Slack's protocol deadline
            h.openAi.awaitRequests(1, FakeSlack.DEFAULT_WAIT);
            h.slack.awaitCall("chat.postMessage", c -> true);
            assertThat(h.slack.calls("chat.postMessage")).isNotEmpty().allMatch(c -> c.text().contains("asked:"));
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void askWithoutTextOrWithHelpAnswersWithUsageOnlyToTheAsker(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            SlackHarness.Ack empty = h.ask(CHANNEL, USER, "");
            SlackHarness.Ack help = h.ask(CHANNEL, USER, "help");

            assertThat(empty.text()).contains("/ask <question>");
            assertThat(help.text()).isEqualTo(empty.text());
            assertThat(empty.rawBody()).doesNotContain("in_channel");
            assertThat(h.openAi.requestCount()).isZero();
            assertThat(h.slack.calls("chat.postMessage")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aQuestionWithASecretIsAnsweredOnlyToTheAskerAndNeverQuoted(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            String leaked = "xoxb-1234567890-1234567890123-FAKEnotArealToken0000";

            SlackHarness.Ack ack = h.ask(CHANNEL, USER, "why does " + leaked + " not work?");

            assertThat(ack.status()).isEqualTo(200);
            SlackCall reply = h.slack.awaitCall("response_url", c -> true);
            assertThat(reply.param("response_type")).isEqualTo("ephemeral");
            assertThat(reply.text()).contains("Slack").containsIgnoringCase("revoke");
            assertThat(h.slack.calls("chat.postMessage")).isEmpty();
            assertThat(h.openAi.requestCount()).isZero();
            assertThat(h.slack.calls()).extracting(SlackCall::text).noneMatch(t -> t.contains(leaked));
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aChannelWithoutTheBotGetsAnInvitationHintOnlyForTheAsker(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.slack.botNotIn("C0PRIVATE1");

            h.ask("C0PRIVATE1", USER, "anyone there?");

            SlackCall reply = h.slack.awaitCall("response_url", c -> true);
            assertThat(reply.text()).contains("/invite @Askgate");
            assertThat(reply.param("response_type")).isEqualTo("ephemeral");
            assertThat(h.openAi.requestCount()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aDeniedUserIsToldPrivatelyAndNeverReachesTheModel(SlackHarness.Mode mode) throws Exception {
        SlackConfig.AccessLists access = new SlackConfig.AccessLists(java.util.Set.of(), java.util.Set.of(),
                java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), java.util.Set.of("U0MALLORY1"));
        try (SlackHarness h = new SlackHarness(mode, Duration.ofMillis(100), access, true)) {
            SlackHarness.Ack ack = h.ask(CHANNEL, "U0MALLORY1", "let me in");

            assertThat(ack.text()).isEqualTo(h.words(new dev.askgate.core.ChatOutcome.Refused(
                    new dev.askgate.core.Refusal.NotAllowed())));
            assertThat(h.openAi.requestCount()).isZero();
            assertThat(h.slack.calls("chat.postMessage")).isEmpty();
            List<SlackCall> none = h.slack.calls("response_url");
            assertThat(none).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aCommandDeliveredTwiceWithTheSameTriggerIdIsAnsweredOnce(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.answerAlways("Only once.");
            SlashCommand command = h.slack.slashCommand("/ask", CHANNEL, USER, "say it once");

            SlackHarness.Ack first = h.send(command);
            SlackHarness.Ack retry = h.send(command);

            assertThat(first.status()).isEqualTo(200);
            assertThat(retry.status()).isEqualTo(200);
            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Only once."));
            h.openAi.awaitRequests(1, FakeSlack.DEFAULT_WAIT);
            assertThat(h.openAi.requestCount()).isEqualTo(1);
            assertThat(h.slack.messages()).filteredOn(m -> m.text().contains("asked:")).hasSize(1);
        }
    }

    @Test
    void afterAnAbruptCutTheAppReconnectsAndAnswersTheNextCommand() throws Exception {
        try (SlackHarness h = SlackHarness.start(SlackHarness.Mode.SOCKET)) {
            h.openAi.answerAlways("Back again.");
            h.slack.socketMode().cutConnections();
            h.slack.socketMode().awaitConnections(2, FakeSlack.DEFAULT_WAIT);

            SlackHarness.Ack ack = h.ask(CHANNEL, USER, "are you back?");

            assertThat(ack.status()).isEqualTo(200);
            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Back again."));
            assertThat(h.slack.calls("apps.connections.open").size()).isGreaterThanOrEqualTo(2);
        }
    }
}
