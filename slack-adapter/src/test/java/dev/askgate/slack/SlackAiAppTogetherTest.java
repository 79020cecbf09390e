package dev.askgate.slack;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.askgate.core.Usage;
import dev.askgate.core.feedback.FeedbackRecorder;
import dev.askgate.core.metrics.AskgateMetrics;
import dev.askgate.core.openai.Sleeper;
import dev.askgate.core.usage.FeedbackLine;
import dev.askgate.core.usage.LedgerRow;
import dev.askgate.core.usage.RedactedKey;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.store.UsageStores;
import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.slack.AssistantCall;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackEvent;
import dev.askgate.testkit.slack.SlackInteraction;
import dev.askgate.testkit.slack.SlackMessage;
import dev.askgate.testkit.slack.SlackStream;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.askgate.slack.SlackHarness.CHANNEL;
import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's three parts together, as the product runs them by default ({@code SLACK_STREAMING=auto}): the
 * assistant panel answering through native streams with the thinking status and the title, a feedback click on
 * the buttons a stream ended with, and a channel mention streamed with its recipient — real Bolt, fake Slack and
 * OpenAI, in Socket Mode and HTTP mode.
 */
class SlackAiAppTogetherTest {
    private static final String IM = "D0PANEL009";
    private static final String BOT = "<@" + FakeSlack.BOT_USER_ID + ">";
    private static final String BOB = "U0BOB00002";
    private static final Pattern ACCEPTED = Pattern.compile("request=(\\S+) channel=\\S+ question accepted");

    @TempDir
    Path dir;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger questionLog = (Logger) LoggerFactory.getLogger(SlackMessageQuestions.class);
    private UsageStore store;

    @BeforeEach
    void capture() {
        logs.start();
        questionLog.addAppender(logs);
    }

    @AfterEach
    void release() {
        questionLog.detachAppender(logs);
        if (store != null) store.close();
    }

    private SlackHarness harness(SlackHarness.Mode mode) throws Exception {
        store = UsageStores.open("jdbc:sqlite:" + dir.resolve("askgate.db"), "", "");
        FeedbackRecorder recorder = new FeedbackRecorder(store, new AskgateMetrics(new SimpleMeterRegistry()),
                Duration.ofMillis(10), Sleeper.real());
        return SlackHarness.withPanel(mode, SlackAssistantConfig.on(), SlackConfig.AccessLists.OPEN, true,
                SlackConfig.DEFAULT_API_TIMEOUT, SlackConfig.Streaming.AUTO, shared -> shared.withFeedback(recorder));
    }

    private static List<AssistantCall> statusCalls(SlackHarness h, String channel, String thread) {
        return h.slack.assistantCalls("setStatus").stream()
                .filter(c -> c.channel().equals(channel) && c.threadTs().equals(thread)).toList();
    }

    /** The request ids of the questions accepted so far, in order, as the adapter logged them. */
    private List<String> acceptedRequests() {
        return logs.list.stream().map(e -> ACCEPTED.matcher(e.getFormattedMessage())).filter(Matcher::find)
                .map(m -> m.group(1)).toList();
    }

    /** The usage ledger's row for the answer to {@code request}, as the launcher's ledger would write it. */
    private void ledgerRow(String channel, String request) {
        store.record(new LedgerRow(Instant.now(), "slack", FakeSlack.TEAM_ID, channel, USER, "gpt-6-luna",
                new Usage(10, 0, 5), new BigDecimal("0.001"), "answered", Duration.ofSeconds(1), "req_FAKE", "main",
                RedactedKey.of(SlackHarness.OPENAI_KEY), request));
    }

    private static SlackStream stoppedStreamIn(SlackHarness h, String channel, String thread, String text) {
        return h.slack.awaitStream(channel, s -> s.stopped() && s.threadTs().equals(thread) && s.text().equals(text));
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aPanelQuestionStreamsAfterTheThinkingStatusTitledOnceToldWhereThePersonIsAndTakesAVote(
            SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = harness(mode)) {
            SlackEvent started = h.slack.assistantThreadStarted(IM, USER, CHANNEL);
            h.send(started, 0);
            String thread = started.payload().path("event").path("assistant_thread").path("thread_ts").asText();
            h.slack.awaitBotMessage(IM, m -> m.threadTs().equals(thread)
                    && m.text().equals(SlackAssistantConfig.DEFAULT_GREETING));
            String first = "The first answer streams in a few words at a time.";
            h.openAi.enqueue(FakeAnswer.of(first).streamedInWords().firstTokenAfter(Duration.ofMillis(1500))
                            .perTokenDelay(Duration.ofMillis(150)),
                    FakeAnswer.of("And the second."));

            h.send(h.slack.directMessage(IM, USER, "What is streaming?", thread), 0);

            SlackStream stream = stoppedStreamIn(h, IM, thread, first);
            assertThat(stream.recipientUserId()).as("no recipient in a direct message").isEmpty();
            assertThat(stream.recipientTeamId()).isEmpty();
            assertThat(stream.appends()).isPositive();
            JsonNode buttons = stream.feedbackButtons().orElseThrow();
            assertThat(FeedbackButtons.read(buttons.path("positive_button").path("value").asText()))
                    .map(FeedbackButtons.Click::requestId).contains(acceptedRequests().getFirst());
            assertThat(h.slack.calls("chat.startStream")).singleElement()
                    .satisfies(c -> assertThat(c.param("recipient_user_id")).isNullOrEmpty());
            List<AssistantCall> status = statusCalls(h, IM, thread);
            assertThat(status.getFirst().params().get("status")).isEqualTo(SlackThinkingStatus.STATUS);
            assertThat(status.getFirst().order()).as("thinking before the first words").isLessThan(stream.ts());
            assertThat(h.slack.assistantStatus(IM, thread)).isEmpty();
            assertThat(h.openAi.lastRequest().messageContents().getFirst()).contains("<#" + CHANNEL + ">");
            ledgerRow(IM, acceptedRequests().getFirst());
            h.send(h.slack.feedbackClick(IM, stream.ts(), USER,
                    buttons.path("negative_button").path("value").asText(), FeedbackButtons.ACTION_ID));
            SlackCall thanks = h.slack.awaitCall("chat.postEphemeral", c -> c.param("user").equals(USER));
            assertThat(thanks.param("channel")).isEqualTo(IM);
            assertThat(thanks.param("thread_ts")).isEqualTo(thread);
            assertThat(store.feedbackReport(Instant.EPOCH)).containsExactly(new FeedbackLine("gpt-6-luna", 0, 1));

            h.send(h.slack.directMessage(IM, USER, "And then?", thread), 0);

            stoppedStreamIn(h, IM, thread, "And the second.");
            assertThat(h.openAi.lastRequest().messageContents()).as("the streamed answer is the thread's history")
                    .contains("What is streaming?", first, "And then?");
            assertThat(h.slack.assistantCalls("setTitle")).singleElement()
                    .satisfies(t -> assertThat(t.params().get("title")).contains("What is streaming?"));
            assertThat(h.slack.assistantStatus(IM, thread)).isEmpty();
            assertThat(h.slack.thread(IM, thread)).filteredOn(m -> m.fromBot() && !m.ts().equals(thread))
                    .extracting(SlackMessage::text)
                    .containsExactly(SlackAssistantConfig.DEFAULT_GREETING, first, "And the second.");
            assertThat(h.slack.calls("chat.postMessage")).as("only the greeting is posted").hasSize(1);
            assertThat(h.openAi.requestCount()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aClickOnAStreamedAnswersButtonsIsRecordedOnceForItsRequestJoinedToItsModelAndThanked(SlackHarness.Mode mode)
            throws Exception {
        try (SlackHarness h = harness(mode)) {
            h.openAi.enqueue(FakeAnswer.of("Streamed, then rated."));
            SlackEvent mention = h.slack.appMention(CHANNEL, USER, BOT + " rate me", "");
            String thread = mention.payload().path("event").path("ts").asText();
            h.send(mention, 0);
            SlackStream stream = stoppedStreamIn(h, CHANNEL, thread, "Streamed, then rated.");
            String request = acceptedRequests().getFirst();
            ledgerRow(CHANNEL, request);
            String up = stream.feedbackButtons().orElseThrow().path("positive_button").path("value").asText();
            SlackInteraction click = h.slack.feedbackClick(CHANNEL, stream.ts(), BOB, up, FeedbackButtons.ACTION_ID);

            SlackHarness.Ack ack = h.send(click);
            h.send(click);

            assertThat(ack.status()).isEqualTo(200);
            SlackCall thanks = h.slack.awaitCall("chat.postEphemeral", c -> c.param("user").equals(BOB));
            assertThat(thanks.param("channel")).isEqualTo(CHANNEL);
            assertThat(thanks.param("thread_ts")).isEqualTo(thread);
            Thread.sleep(Duration.ofMillis(500)); // a second, wrongly taken click a moment to show itself
            assertThat(h.slack.calls("chat.postEphemeral")).hasSize(1);
            assertThat(store.feedbackReport(Instant.EPOCH)).containsExactly(new FeedbackLine("gpt-6-luna", 1, 0));
            assertThat(h.slack.stream(CHANNEL, stream.ts()).orElseThrow().text())
                    .as("the answer stays as it is").isEqualTo("Streamed, then rated.");
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aChannelMentionStreamsForItsAskerAfterTheThinkingStatusWhichThenClears(SlackHarness.Mode mode)
            throws Exception {
        try (SlackHarness h = harness(mode)) {
            String text = "Channel answers stream **natively** too.";
            h.openAi.enqueue(FakeAnswer.of(text).streamedInWords().firstTokenAfter(Duration.ofMillis(1500)));
            SlackEvent mention = h.slack.appMention(CHANNEL, USER, BOT + " stream here?", "");
            String thread = mention.payload().path("event").path("ts").asText();

            h.send(mention, 0);

            SlackStream stream = stoppedStreamIn(h, CHANNEL, thread, text);
            assertThat(stream.recipientUserId()).isEqualTo(USER);
            assertThat(stream.recipientTeamId()).isEqualTo(FakeSlack.TEAM_ID);
            assertThat(stream.feedbackButtons()).isPresent();
            List<AssistantCall> status = statusCalls(h, CHANNEL, thread);
            assertThat(status.getFirst().params().get("status")).isEqualTo(SlackThinkingStatus.STATUS);
            assertThat(status.getFirst().order()).isLessThan(stream.ts());
            assertThat(h.slack.assistantStatus(CHANNEL, thread)).isEmpty();
            assertThat(h.slack.calls("chat.postMessage")).isEmpty();
            assertThat(h.slack.calls("chat.postEphemeral")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = SlackConfig.Streaming.class, names = {"AUTO", "EDITS"})
    void anAnswerWhosePostsAllFailStillClearsTheThinkingStatus(SlackConfig.Streaming streaming) throws Exception {
        try (SlackHarness h = SlackHarness.withPanel(SlackHarness.Mode.SOCKET, SlackAssistantConfig.OFF,
                SlackConfig.AccessLists.OPEN, true, SlackConfig.DEFAULT_API_TIMEOUT, streaming,
                java.util.function.UnaryOperator.identity())) {
            h.slack.streamingUnavailable("unknown_method");
            for (int i = 0; i < 30; i++) h.slack.failNext("chat.postMessage", "not_in_channel");
            h.openAi.enqueue(FakeAnswer.of("Never shown.").firstTokenAfter(Duration.ofMillis(1500)));
            SlackEvent mention = h.slack.appMention(CHANNEL, USER, BOT + " anyone?", "");
            String thread = mention.payload().path("event").path("ts").asText();

            h.send(mention, 0);

            // The asker hears privately that the answer could not be posted; the thread must not think forever.
            h.slack.awaitCall("chat.postEphemeral", c -> c.param("user").equals(USER));
            h.slack.await(() -> statusCalls(h, CHANNEL, thread).stream().skip(1).findFirst(), FakeSlack.DEFAULT_WAIT,
                    "the status cleared");
            assertThat(statusCalls(h, CHANNEL, thread)).extracting(c -> c.params().get("status"))
                    .containsExactly(SlackThinkingStatus.STATUS, "");
            assertThat(h.slack.assistantStatus(CHANNEL, thread)).isEmpty();
        }
    }
}
