package dev.askgate.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackEvent;
import dev.askgate.testkit.slack.SlackFault;
import dev.askgate.testkit.slack.SlackMessage;
import dev.askgate.testkit.slack.SlashCommand;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.askgate.slack.SlackHarness.CHANNEL;
import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

/** One transient Web API failure never loses an answer, and never posts one twice (real Bolt, FakeSlack's faults). */
class SlackTransientFaultsTest {
    private static final String BOT = "<@" + FakeSlack.BOT_USER_ID + ">";

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aServerErrorOnPostingTheQuestionQuoteIsRetriedAndTheQuestionAnswered(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.slack.faultNext("chat.postMessage", SlackFault.HTTP_500, SlackFault.HTTP_503);
            h.openAi.enqueue(FakeAnswer.of("Paris."));

            h.ask(CHANNEL, USER, "capital of France?");

            SlackMessage answer = h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Paris."));
            List<SlackMessage> quotes = h.slack.messages().stream()
                    .filter(m -> m.fromBot() && m.text().contains("asked:")).toList();
            assertThat(quotes).hasSize(1);
            assertThat(answer.threadTs()).isEqualTo(quotes.getFirst().ts());
            assertThat(h.slack.calls("response_url")).isEmpty(); // nobody was told of a failure
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void theFinalUpdateSurvivesAServerErrorARatelimitedAnswerAndFour429s(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            String answer = "one two three four five six seven eight nine ten.";
            h.openAi.enqueue(FakeAnswer.of(answer).streamedInWords().perTokenDelay(Duration.ofMillis(20)));
            h.slack.faultNext("chat.update", SlackFault.HTTP_500, SlackFault.RATELIMITED_OK_FALSE,
                    SlackFault.HTTP_429, SlackFault.HTTP_429, SlackFault.HTTP_429, SlackFault.HTTP_429);

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " count", ""), 0);

            h.slack.await(() -> h.slack.calls("chat.update").stream().filter(SlackCall::answeredOk)
                    .filter(c -> c.text().equals(answer)).findFirst(), Duration.ofSeconds(40), "the final update");
            List<SlackMessage> replies = h.slack.messages().stream().filter(SlackMessage::fromBot).toList();
            assertThat(replies).extracting(SlackMessage::text).containsExactly(answer);
            assertThat(h.slack.calls("chat.postEphemeral")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SlackFault.class, names = {"RESET_AFTER_PROCESSING", "RESET_BEFORE_RESPONSE", "SLOW_RESPONSE", "HTTP_500"})
    void aPostWhoseOutcomeIsUnknownIsLookedUpAndNeverPostedTwice(SlackFault fault) throws Exception {
        for (SlackHarness.Mode mode : SlackHarness.Mode.values()) {
            try (SlackHarness h = new SlackHarness(mode, Duration.ofMillis(100), SlackConfig.AccessLists.OPEN, true,
                    Duration.ofSeconds(30), Duration.ofSeconds(1))) {
                h.slack.slowResponseDelay(Duration.ofSeconds(3));
                // The quote, then the answer: each meets the fault once.
                h.slack.faultNext("chat.postMessage", fault);
                h.openAi.enqueue(FakeAnswer.of("Forty-two."));

                h.ask(CHANNEL, USER, "the answer?");

                SlackMessage answer = h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Forty-two."));
                String root = answer.threadTs();
                assertThat(h.slack.thread(CHANNEL, root)).as("%s in %s", fault, mode)
                        .extracting(SlackMessage::text).hasSize(2).endsWith("Forty-two.");
                assertThat(h.slack.messages().stream().filter(SlackMessage::fromBot)).as("%s in %s", fault, mode).hasSize(2);
                assertThat(h.slack.calls("response_url")).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aResetAfterSlackPostedTheAnswerInTheThreadDoesNotPostItAgain(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            String root = h.slack.userMessage(CHANNEL, USER, BOT + " hello", "");
            h.openAi.enqueue(FakeAnswer.of("Hello there."));
            h.slack.faultNext("chat.postMessage", SlackFault.RESET_AFTER_PROCESSING);

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " and again", root), 0);

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Hello there."));
            h.slack.await(() -> h.slack.calls("conversations.replies").size() >= 2 ? Optional.of(true) : Optional.empty(),
                    FakeSlack.DEFAULT_WAIT, "the look-up after the reset");
            assertThat(h.slack.thread(CHANNEL, root).stream().filter(SlackMessage::fromBot))
                    .extracting(SlackMessage::text).containsExactly("Hello there.");
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void anUpdateThatOnlyTimesOutSendsNoFalseCouldNotReachSlackNote(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = new SlackHarness(mode, Duration.ofMillis(100), SlackConfig.AccessLists.OPEN, true,
                Duration.ofSeconds(30), Duration.ofSeconds(1))) {
            h.slack.slowResponseDelay(Duration.ofSeconds(3));
            String answer = "slow and steady wins the race in the end.";
            h.openAi.enqueue(FakeAnswer.of(answer).streamedInWords().perTokenDelay(Duration.ofMillis(30)));
            h.slack.faultNext("chat.update", SlackFault.SLOW_RESPONSE, SlackFault.SLOW_RESPONSE);

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " go", ""), 0);

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals(answer));
            h.slack.await(() -> h.slack.calls("chat.update").stream().filter(c -> c.text().equals(answer)).findFirst(),
                    FakeSlack.DEFAULT_WAIT, "the final update");
            assertThat(h.slack.calls("chat.postEphemeral")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void commandsAndEventsWithoutAnIdAreEachAnswered(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.enqueue(FakeAnswer.of("First."), FakeAnswer.of("Second."), FakeAnswer.of("Third."), FakeAnswer.of("Fourth."));

            for (String q : List.of("one?", "two?")) {
                SlashCommand c = h.slack.slashCommand("/ask", CHANNEL, USER, q);
                h.send(new SlashCommand(c.command(), c.teamId(), c.channelId(), c.userId(), c.text(), c.responseUrl(), ""));
            }
            for (String q : List.of("three?", "four?")) {
                SlackEvent e = h.slack.appMention(CHANNEL, USER, BOT + " " + q, "");
                ObjectNode payload = e.payload().deepCopy();
                payload.remove("event_id");
                h.send(new SlackEvent("", payload), 0);
            }

            h.slack.await(() -> h.slack.messages().stream().filter(m -> m.fromBot() && m.text().endsWith("."))
                    .count() == 4 ? Optional.of(true) : Optional.empty(), FakeSlack.DEFAULT_WAIT, "four answers");
        }
    }
}
