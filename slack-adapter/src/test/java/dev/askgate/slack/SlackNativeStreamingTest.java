package dev.askgate.slack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackEvent;
import dev.askgate.testkit.slack.SlackFault;
import dev.askgate.testkit.slack.SlackMessage;
import dev.askgate.testkit.slack.SlackStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.askgate.slack.SlackHarness.CHANNEL;
import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

/** Answers streamed natively (chat.startStream / appendStream / stopStream), and every way back to edits. */
class SlackNativeStreamingTest {
    private static final String BOT = "<@" + FakeSlack.BOT_USER_ID + ">";
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger gateLog = (Logger) LoggerFactory.getLogger(SlackStreamGate.class);

    @BeforeEach
    void capture() {
        logs.start();
        gateLog.addAppender(logs);
    }

    @AfterEach
    void release() {
        gateLog.detachAppender(logs);
    }

    private static String words(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> "word" + i + (i % 12 == 0 ? "\n\n" : " "))
                .collect(Collectors.joining()) + "and **done**.";
    }

    /** Mentions the bot at the top of the channel; returns the thread the answer goes in (the mention's ts). */
    private static String mention(SlackHarness h, String question) {
        SlackEvent event = h.slack.appMention(CHANNEL, USER, BOT + " " + question, "");
        h.send(event, 0);
        return event.payload().path("event").path("ts").asText();
    }

    private static List<SlackMessage> answerIn(SlackHarness h, String thread, String endsWith) {
        return h.slack.await(() -> {
            List<SlackMessage> bot = h.slack.thread(CHANNEL, thread).stream().filter(SlackMessage::fromBot).toList();
            return !bot.isEmpty() && bot.getLast().text().endsWith(endsWith) ? Optional.of(bot) : Optional.empty();
        }, FakeSlack.DEFAULT_WAIT, "the answer in thread " + thread);
    }

    private static List<SlackCall> callsIn(SlackHarness h, String method, String thread) {
        return h.slack.calls(method).stream().filter(c -> c.param("thread_ts").equals(thread)).toList();
    }

    private long fallbackLines(String cause) {
        return logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                .filter(e -> e.getFormattedMessage().contains("(" + cause)).count();
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aStreamedAnswerIsTheModelsTextAppendedInFewStepsAndEndsWithFeedbackButtons(SlackHarness.Mode mode)
            throws Exception {
        try (SlackHarness h = SlackHarness.streaming(mode, SlackConfig.Streaming.AUTO)) {
            String answer = words(60);
            h.openAi.enqueue(FakeAnswer.of(answer).perTokenDelay(Duration.ofMillis(40)));

            String thread = mention(h, "count slowly");

            SlackStream stream = h.slack.awaitStream(CHANNEL, SlackStream::stopped);
            assertThat(stream.text()).isEqualTo(answer);
            assertThat(stream.threadTs()).isEqualTo(thread);
            assertThat(stream.recipientUserId()).isEqualTo(USER);
            assertThat(stream.recipientTeamId()).isEqualTo(FakeSlack.TEAM_ID);
            assertThat(stream.feedbackButtons()).isPresent();
            assertThat(stream.feedbackButtons().get().path("positive_button").path("value").asText()).startsWith("up:");
            SlackCall start = h.slack.calls("chat.startStream").getFirst();
            SlackCall stop = h.slack.calls("chat.stopStream").getFirst();
            long streamingMillis = Duration.between(start.at(), stop.at()).toMillis();
            assertThat(stream.appends()).isPositive().isLessThan((int) (streamingMillis / 500) + 1);
            assertThat(h.slack.calls("chat.startStream")).hasSize(1);
            assertThat(callsIn(h, "chat.postMessage", thread)).isEmpty();
            assertThat(h.slack.calls("chat.update")).isEmpty();
            assertThat(h.slack.thread(CHANNEL, thread).stream().filter(SlackMessage::fromBot)).hasSize(1);
        }
    }

    /** One way a stream cannot be used, and how the fake is told to refuse it. */
    enum Cause {
        RATELIMITED_START("ratelimited", h -> h.slack.rateLimitNext("chat.startStream", 1)),
        MISSING_RECIPIENT("missing_recipient_user_id",
                h -> h.slack.failNext("chat.startStream", "missing_recipient_user_id")),
        UNKNOWN_METHOD("unknown_method", h -> h.slack.streamingUnavailable("unknown_method"));

        final String code;
        final Consumer<SlackHarness> script;

        Cause(String code, Consumer<SlackHarness> script) {
            this.code = code;
            this.script = script;
        }
    }

    @ParameterizedTest
    @EnumSource(Cause.class)
    void aStartSlackRefusesGivesOneCompleteAnswerThroughEditsLoggedOnce(Cause cause) throws Exception {
        try (SlackHarness h = SlackHarness.streaming(SlackHarness.Mode.SOCKET, SlackConfig.Streaming.AUTO)) {
            cause.script.accept(h);
            String answer = words(30);
            h.openAi.enqueue(FakeAnswer.of(answer).perTokenDelay(Duration.ofMillis(10)));
            h.openAi.enqueue(FakeAnswer.of("The second answer."));

            String first = mention(h, "first");
            List<SlackMessage> shown = answerIn(h, first, h.mrkdwn.convert("and **done**."));
            assertThat(shown).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo(h.mrkdwn.convert(answer)));
            assertThat(callsIn(h, "chat.postMessage", first)).hasSize(1);
            assertThat(h.slack.calls("chat.appendStream")).isEmpty();

            String second = mention(h, "second");
            assertThat(answerIn(h, second, "The second answer.")).hasSize(1);
            assertThat(fallbackLines(cause.code)).isEqualTo(1);
            // Slack refused streaming for good in this workspace: auto does not ask again for a while.
            if (cause == Cause.UNKNOWN_METHOD) assertThat(h.slack.calls("chat.startStream")).hasSize(1);
        }
    }

    @Test
    void aStreamWhoseFirstAppendFailsIsFinishedAsAnUpdatedMessageWithNothingRepeated() throws Exception {
        try (SlackHarness h = SlackHarness.streaming(SlackHarness.Mode.SOCKET, SlackConfig.Streaming.NATIVE)) {
            h.slack.faultNext("chat.appendStream", SlackFault.HTTP_500, SlackFault.HTTP_500, SlackFault.HTTP_500,
                    SlackFault.HTTP_500, SlackFault.HTTP_500, SlackFault.HTTP_500);
            String answer = words(40);
            h.openAi.enqueue(FakeAnswer.of(answer).perTokenDelay(Duration.ofMillis(30)));

            String thread = mention(h, "go");

            List<SlackMessage> shown = answerIn(h, thread, "and **done**.");
            assertThat(shown).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo(answer));
            assertThat(h.slack.calls("chat.update")).last()
                    .satisfies(c -> assertThat(c.param("blocks")).contains("\"type\":\"markdown\""));
            assertThat(h.slack.stream(CHANNEL, shown.getFirst().ts()).orElseThrow().stopped()).isTrue();
            assertThat(fallbackLines("chat.appendStream")).isEqualTo(1);
        }
    }

    @Test
    void aStartWhoseAnswerIsLostLeavesNoWordsBehindWhenTheAnswerIsShownByEdits() throws Exception {
        try (SlackHarness h = SlackHarness.streaming(SlackHarness.Mode.SOCKET, SlackConfig.Streaming.NATIVE)) {
            // Slack opens the stream, but its answer never arrives: Askgate must take the start for refused.
            h.slack.faultNext("chat.startStream", SlackFault.RESET_AFTER_PROCESSING);
            String answer = words(30);
            h.openAi.enqueue(FakeAnswer.of(answer).perTokenDelay(Duration.ofMillis(10)));

            String thread = mention(h, "go");

            List<SlackMessage> shown = answerIn(h, thread, h.mrkdwn.convert("and **done**."));
            assertThat(h.slack.calls("chat.startStream")).hasSize(1);
            assertThat(shown).as("the lost stream was opened empty: no first words shown twice")
                    .filteredOn(m -> !m.text().isBlank()).singleElement()
                    .satisfies(m -> assertThat(m.text()).isEqualTo(h.mrkdwn.convert(answer)));
        }
    }

    @Test
    void anAppendWhoseOutcomeIsUnknownIsNotSentAgainAndTheTextIsWholeOnce() throws Exception {
        try (SlackHarness h = SlackHarness.streaming(SlackHarness.Mode.SOCKET, SlackConfig.Streaming.NATIVE)) {
            h.slack.faultNext("chat.appendStream", SlackFault.RESET_AFTER_PROCESSING);
            String answer = words(40);
            h.openAi.enqueue(FakeAnswer.of(answer).perTokenDelay(Duration.ofMillis(30)));

            String thread = mention(h, "go");

            List<SlackMessage> shown = answerIn(h, thread, "and **done**.");
            assertThat(shown).singleElement().satisfies(m -> assertThat(m.text()).isEqualTo(answer));
            assertThat(h.slack.calls("chat.appendStream")).hasSize(1);
        }
    }

    @Test
    void whenTheWorkspacesStartBudgetIsSpentTheNextAnswerGoesStraightToEdits() throws Exception {
        try (SlackHarness h = SlackHarness.streaming(SlackHarness.Mode.SOCKET, SlackConfig.Streaming.NATIVE)) {
            h.openAi.answerAlways("fine");
            int answers = SlackStreamGate.STARTS_PER_WINDOW + 1;

            for (int i = 0; i < answers; i++) answerIn(h, mention(h, "question " + i), "fine");

            assertThat(h.slack.calls("chat.startStream")).hasSize(SlackStreamGate.STARTS_PER_WINDOW);
            assertThat(h.slack.messages().stream().filter(SlackMessage::fromBot)
                    .filter(m -> m.text().equals("fine"))).hasSize(answers);
            assertThat(h.slack.calls("chat.postMessage")).hasSize(1);
            assertThat(fallbackLines("start_budget_spent")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aTwentyThousandCharacterAnswerIsCompleteAndInOrderAcrossStreamedMessages(SlackHarness.Mode mode)
            throws Exception {
        try (SlackHarness h = SlackHarness.streaming(mode, SlackConfig.Streaming.NATIVE)) {
            String answer = IntStream.range(0, 3_600).mapToObj(i -> "w" + i).collect(Collectors.joining(" "))
                    + " end.";
            assertThat(answer.length()).isGreaterThan(20_000);
            h.openAi.enqueue(FakeAnswer.of(answer).streamedInChunksOf(1_500).perTokenDelay(Duration.ofMillis(50)));

            String thread = mention(h, "a long one");

            List<SlackMessage> parts = answerIn(h, thread, "end.");
            h.slack.await(() -> h.slack.calls("chat.stopStream").size() >= parts.size() ? Optional.of(true)
                    : Optional.empty(), FakeSlack.DEFAULT_WAIT, "every stream stopped");
            assertThat(parts).hasSizeGreaterThanOrEqualTo(2)
                    .allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(SlackNativePresenter.PART_CHARS));
            assertThat(parts.stream().map(SlackMessage::text).collect(Collectors.joining(" "))).isEqualTo(answer);
            SlackStream last = h.slack.stream(CHANNEL, parts.getLast().ts()).orElseThrow();
            assertThat(last.feedbackButtons()).isPresent();
            assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(m -> assertThat(
                    h.slack.stream(CHANNEL, m.ts()).map(SlackStream::feedbackButtons).flatMap(b -> b)).isEmpty());
        }
    }

    @Test
    void anErrorMidStreamKeepsThePartialTextAndSaysWhatHappenedWithoutFeedbackButtons() throws Exception {
        try (SlackHarness h = SlackHarness.streaming(SlackHarness.Mode.SOCKET, SlackConfig.Streaming.NATIVE)) {
            h.openAi.enqueue(FakeAnswer.of("The first part arrived and then more").perTokenDelay(Duration.ofMillis(20))
                    .cutAfter(4));

            mention(h, "tell me");

            SlackStream stream = h.slack.awaitStream(CHANNEL, SlackStream::stopped);
            assertThat(stream.text()).startsWith("The first part").contains("connection to OpenAI broke");
            assertThat(stream.feedbackButtons()).isEmpty();
            assertThat(h.slack.calls("chat.postMessage")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void broadcastsAndMentionsInAStreamedAnswerNotifyNobody(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.streaming(mode, SlackConfig.Streaming.NATIVE)) {
            h.openAi.enqueue(FakeAnswer.of("Attention <!channel> and <!here>, also <!everyone>, <@U0BOSS0001> "
                    + "and <!subteam^S0TEAM|@devs>: ping @here and @channel & <b>html</b>.").streamedInChars());

            mention(h, "shout");

            SlackStream stream = h.slack.awaitStream(CHANNEL, SlackStream::stopped);
            assertThat(stream.text()).doesNotContain("<!channel>", "<!here>", "<!everyone>", "<@U0BOSS0001>",
                    "<!subteam", "@here", "@channel").contains("html", "&");
            assertThat(h.slack.calls()).extracting(c -> c.param("markdown_text") + c.text() + c.param("blocks"))
                    .noneMatch(t -> t.contains("<!channel>") || t.contains("<@U0BOSS0001>") || t.contains("<!here>"));
        }
    }

    @Test
    void withEditsNothingStreams() throws Exception {
        try (SlackHarness h = SlackHarness.streaming(SlackHarness.Mode.SOCKET, SlackConfig.Streaming.EDITS)) {
            h.openAi.enqueue(FakeAnswer.of("Plain and simple."));

            answerIn(h, mention(h, "hi"), "Plain and simple.");

            assertThat(h.slack.calls("chat.startStream")).isEmpty();
        }
    }

    @Test
    void aDirectMessageStreamsWithoutRecipients() throws Exception {
        try (SlackHarness h = SlackHarness.streaming(SlackHarness.Mode.HTTP, SlackConfig.Streaming.AUTO)) {
            h.openAi.enqueue(FakeAnswer.of("Hello in private."));

            h.send(h.slack.directMessage("D0ALICE001", USER, "hi there"), 0);

            SlackStream stream = h.slack.awaitStream("D0ALICE001", SlackStream::stopped);
            assertThat(stream.text()).isEqualTo("Hello in private.");
            assertThat(stream.recipientUserId()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void anEventSlackRetriesIsAnsweredByOneStream(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.streaming(mode, SlackConfig.Streaming.AUTO)) {
            h.openAi.enqueue(FakeAnswer.of("Only once.").perTokenDelay(Duration.ofMillis(50)));
            SlackEvent event = h.slack.appMention(CHANNEL, USER, BOT + " once please", "");

            h.send(event, 0);
            h.send(event, 1);

            SlackStream stream = h.slack.awaitStream(CHANNEL, SlackStream::stopped);
            assertThat(stream.text()).isEqualTo("Only once.");
            assertThat(h.slack.calls("chat.startStream")).hasSize(1);
            assertThat(h.openAi.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void anAskCommandStreamsUnderItsQuotedQuestion() throws Exception {
        try (SlackHarness h = SlackHarness.streaming(SlackHarness.Mode.HTTP, SlackConfig.Streaming.AUTO)) {
            h.openAi.enqueue(FakeAnswer.of("Streamed under the quote."));

            h.ask(CHANNEL, USER, "what is up?");

            SlackStream stream = h.slack.awaitStream(CHANNEL, SlackStream::stopped);
            SlackMessage quote = h.slack.awaitBotMessage(CHANNEL, m -> m.text().contains("asked:"));
            assertThat(stream.threadTs()).isEqualTo(quote.ts());
            assertThat(stream.text()).isEqualTo("Streamed under the quote.");
        }
    }

    @Test
    void theKeyInAStreamedAnswerIsNeverShownNorSent() throws Exception {
        try (SlackHarness h = SlackHarness.streaming(SlackHarness.Mode.SOCKET, SlackConfig.Streaming.NATIVE)) {
            h.openAi.enqueue(FakeAnswer.of("the key is " + SlackHarness.OPENAI_KEY + " oops").streamedInChars());

            mention(h, "leak it");

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().contains("withheld"));
            assertThat(h.slack.calls()).extracting(c -> c.params().toString())
                    .noneMatch(p -> p.contains(SlackHarness.OPENAI_KEY));
            assertThat(h.slack.messages()).extracting(SlackMessage::text)
                    .noneMatch(t -> t.contains(SlackHarness.OPENAI_KEY));
        }
    }

    @Test
    void aStreamedAnswersNoteIsLeftOutOfTheThreadsHistory() throws Exception {
        try (SlackHarness h = SlackHarness.streaming(SlackHarness.Mode.SOCKET, SlackConfig.Streaming.NATIVE)) {
            h.openAi.enqueue(FakeAnswer.of("The first part arrived and then more").cutAfter(4));
            String thread = mention(h, "tell me");
            h.slack.awaitStream(CHANNEL, s -> s.stopped() && s.text().contains("connection to OpenAI broke"));
            h.openAi.enqueue(FakeAnswer.of("Go on."));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " and then?", thread), 0);

            h.slack.awaitStream(CHANNEL, s -> s.stopped() && s.text().equals("Go on."));
            assertThat(h.openAi.lastRequest().messageContents())
                    .anySatisfy(m -> assertThat(m).startsWith("The first part"))
                    .noneMatch(m -> m.contains("connection to OpenAI broke"));
        }
    }
}
