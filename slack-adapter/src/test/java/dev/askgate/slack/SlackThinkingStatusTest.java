package dev.askgate.slack;

import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.AssistantCall;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackEvent;
import dev.askgate.testkit.slack.SlackFault;
import dev.askgate.testkit.slack.SlackMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;

import static dev.askgate.slack.SlackHarness.CHANNEL;
import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

/** "is thinking…" under the thread before the first words, with real Bolt against the fakes. */
class SlackThinkingStatusTest {
    private static final String BOT = "<@" + FakeSlack.BOT_USER_ID + ">";

    private static List<AssistantCall> statusCalls(SlackHarness h, String thread) {
        return h.slack.assistantCalls("setStatus").stream().filter(c -> c.threadTs().equals(thread)).toList();
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aMentionsThreadShowsThinkingBeforeTheFirstWordsAndNotAfterTheAnswer(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.enqueue(FakeAnswer.of("Forty-two.").firstTokenAfter(Duration.ofMillis(1500)));
            SlackEvent mention = h.slack.appMention(CHANNEL, USER, BOT + " the answer?", "");
            String thread = mention.payload().path("event").path("ts").asText();

            h.send(mention, 0);

            SlackMessage answer = h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Forty-two."));
            AssistantCall status = statusCalls(h, thread).getFirst();
            assertThat(status.channel()).isEqualTo(CHANNEL);
            assertThat(status.params().get("status")).isEqualTo(SlackThinkingStatus.STATUS);
            // Bolt sends the list comma-separated, as Slack's form encoding takes it.
            assertThat(status.params().get("loading_messages").split(","))
                    .containsExactlyElementsOf(SlackThinkingStatus.LOADING_MESSAGES);
            assertThat(status.order()).isLessThan(answer.ts());
            assertThat(h.slack.assistantStatus(CHANNEL, thread)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void anAskThreadShowsThinkingUnderTheQuotedQuestion(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.enqueue(FakeAnswer.of("Blue.").firstTokenAfter(Duration.ofMillis(1500)));

            h.ask(CHANNEL, USER, "sky colour?");

            SlackMessage answer = h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Blue."));
            AssistantCall status = statusCalls(h, answer.threadTs()).getFirst();
            assertThat(status.order()).isLessThan(answer.ts());
            assertThat(h.slack.assistantStatus(CHANNEL, answer.threadTs())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void anAnswerThatPostsNothingInTheThreadClearsTheStatusItself(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.holdChatRequests().enqueue(FakeOpenAi.invalidApiKey());
            SlackEvent mention = h.slack.appMention(CHANNEL, USER, BOT + " hello?", "");
            String thread = mention.payload().path("event").path("ts").asText();

            h.send(mention, 0);
            h.slack.await(() -> statusCalls(h, thread).stream().findFirst(), FakeSlack.DEFAULT_WAIT, "the status set");
            h.openAi.releaseChatRequests(); // the model refuses the key: nothing is posted in the thread

            h.slack.await(() -> statusCalls(h, thread).stream().skip(1).findFirst(), FakeSlack.DEFAULT_WAIT,
                    "the status cleared");
            assertThat(statusCalls(h, thread)).extracting(c -> c.params().get("status"))
                    .containsExactly(SlackThinkingStatus.STATUS, "");
            assertThat(h.slack.assistantStatus(CHANNEL, thread)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void anAnswerShownWithinTheGraceNeedsNoStatusAtAll(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.enqueue(FakeAnswer.of("At once."));

            h.ask(CHANNEL, USER, "quick one?");

            SlackMessage answer = h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("At once."));
            Thread.sleep(1_000); // past the core's typing grace
            assertThat(statusCalls(h, answer.threadTs())).as("no status set, none cleared").isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aStatusCallSlackHoldsForAMinuteNeverHoldsTheAnswer(SlackHarness.Mode mode) throws Exception {
        // Slack's read timeout is longer than the wait for the answer: an answer that waited for the status fails.
        try (SlackHarness h = SlackHarness.withPanel(mode, SlackAssistantConfig.OFF, SlackConfig.AccessLists.OPEN,
                true, Duration.ofSeconds(60))) {
            h.slack.slowResponseDelay(Duration.ofSeconds(60)).faultNext("assistant.threads.setStatus",
                    SlackFault.SLOW_RESPONSE);
            // Slow enough to start that the status is asked for (the core's grace is half a second).
            h.openAi.enqueue(FakeAnswer.of("Not held.").firstTokenAfter(Duration.ofMillis(1500)));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " quick?", ""), 0);

            SlackMessage answer = h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Not held."));
            assertThat(answer.text()).isEqualTo("Not held.");
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aStatusSlackAnswersOnlyAfterTheFirstPostIsClearedAtOnceNotAtTheAnswersEnd(SlackHarness.Mode mode)
            throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            // The status goes out at 0.5 s and its answer comes at 2.5 s; the first words are posted at 1 s, so Slack
            // may have ordered that post before the status, and then nothing in the thread would clear it.
            h.slack.slowResponseDelay(Duration.ofSeconds(2)).faultNext("assistant.threads.setStatus",
                    SlackFault.SLOW_RESPONSE);
            String words = "one two three four five six seven eight nine ten eleven twelve.";
            h.openAi.enqueue(FakeAnswer.of(words).streamedInWords().firstTokenAfter(Duration.ofSeconds(1))
                    .perTokenDelay(Duration.ofMillis(400)));

            h.ask(CHANNEL, USER, "count slowly?");

            SlackMessage answer = h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals(words));
            List<SlackCall> statuses = h.slack.calls("assistant.threads.setStatus");
            assertThat(statuses).extracting(c -> c.param("status")).containsExactly(SlackThinkingStatus.STATUS, "");
            SlackCall finalText = h.slack.calls().stream().filter(c -> c.method().equals("chat.update")
                    || c.method().equals("chat.postMessage")).filter(c -> c.text().equals(words)).findFirst()
                    .orElseThrow();
            assertThat(statuses.getLast().at()).as("cleared while the answer still streamed").isBefore(finalText.at());
            assertThat(h.slack.assistantStatus(CHANNEL, answer.threadTs())).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aRefusedStatusIsNeverShownToAnyone(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.slack.failNext("assistant.threads.setStatus", "missing_scope");
            h.openAi.enqueue(FakeAnswer.of("Still answered."));
            SlackEvent mention = h.slack.appMention(CHANNEL, USER, BOT + " status?", "");
            String thread = mention.payload().path("event").path("ts").asText();

            h.send(mention, 0);

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Still answered."));
            assertThat(h.slack.thread(CHANNEL, thread)).filteredOn(SlackMessage::fromBot)
                    .extracting(SlackMessage::text).containsExactly("Still answered.");
            assertThat(h.slack.calls("chat.postEphemeral")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void thePanelShowsThinkingInItsThreadToo(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.withPanel(mode, SlackAssistantConfig.on(), SlackConfig.AccessLists.OPEN,
                true, SlackConfig.DEFAULT_API_TIMEOUT)) {
            SlackEvent started = h.slack.assistantThreadStarted("D0PANEL002", USER, CHANNEL);
            h.send(started, 0);
            String thread = started.payload().path("event").path("assistant_thread").path("thread_ts").asText();
            h.openAi.enqueue(FakeAnswer.of("Thought about it.").firstTokenAfter(Duration.ofMillis(1500)));

            h.send(h.slack.directMessage("D0PANEL002", USER, "think first", thread), 0);

            SlackMessage answer = h.slack.awaitBotMessage("D0PANEL002", m -> m.text().equals("Thought about it."));
            assertThat(statusCalls(h, thread).getFirst().order()).isLessThan(answer.ts());
            assertThat(h.slack.assistantStatus("D0PANEL002", thread)).isEmpty();
        }
    }
}
