package dev.askgate.slack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.askgate.core.Usage;
import dev.askgate.core.feedback.FeedbackRecorder;
import dev.askgate.core.metrics.AskgateMetrics;
import dev.askgate.core.openai.Sleeper;
import dev.askgate.core.usage.FeedbackLine;
import dev.askgate.core.usage.LedgerRow;
import dev.askgate.core.usage.RedactedKey;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.store.UsageStores;
import dev.askgate.testkit.slack.HttpDelivery;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackInteraction;
import dev.askgate.testkit.slack.SlackSigner;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static dev.askgate.slack.SlackHarness.CHANNEL;
import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A click on an answer's 👍 / 👎 through FakeSlack and the real Bolt, in Socket Mode and HTTP mode, kept in a real
 * SQLite usage store: acknowledged in time, recorded once per click with its vote and request id (joined to the
 * answer's model), a changed vote replacing the earlier one, thanked privately, counted, never with text.
 */
class SlackFeedbackTest {
    private static final String REQUEST = "a1b2c3d4e5f6";
    private static final String BOB = "U0BOB00002";

    @TempDir
    Path dir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger recorderLog = (Logger) LoggerFactory.getLogger(FeedbackRecorder.class);
    private final Logger actionLog = (Logger) LoggerFactory.getLogger(SlackFeedbackAction.class);
    private UsageStore store;
    private SlackHarness h;
    private String threadTs;
    private String answerTs;

    @BeforeEach
    void capture() {
        logs.start();
        recorderLog.addAppender(logs);
        actionLog.addAppender(logs);
        actionLog.setLevel(Level.DEBUG);
    }

    @AfterEach
    void close() {
        recorderLog.detachAppender(logs);
        actionLog.detachAppender(logs);
        if (h != null) h.close();
        if (store != null) store.close();
    }

    private void start(SlackHarness.Mode mode) throws Exception {
        store = UsageStores.open("jdbc:sqlite:" + dir.resolve("askgate.db"), "", "");
        store.record(new LedgerRow(Instant.now(), "slack", "T0FAKE", CHANNEL, USER, "gpt-6-luna", new Usage(10, 0, 5),
                new BigDecimal("0.001"), "answered", Duration.ofSeconds(1), "req_FAKE", "main",
                RedactedKey.of(SlackHarness.OPENAI_KEY), REQUEST));
        FeedbackRecorder recorder = new FeedbackRecorder(store, new AskgateMetrics(registry), Duration.ofMillis(10),
                Sleeper.real());
        h = new SlackHarness(shared -> shared.withFeedback(recorder), mode, Duration.ofMillis(100),
                SlackConfig.AccessLists.OPEN, true, Duration.ofSeconds(30), SlackConfig.DEFAULT_API_TIMEOUT);
        threadTs = h.slack.userMessage(CHANNEL, USER, "the question", "");
        answerTs = h.slack.botMessage(CHANNEL, "The answer.", threadTs);
    }

    /** The value of the 👍 ({@code positive}) or 👎 button, as the answer's blocks carry it. */
    private String value(boolean positive) {
        return h.slack.parse(FeedbackButtons.blocksJson(REQUEST)).path(0).path("elements").path(0)
                .path(positive ? "positive_button" : "negative_button").path("value").asText();
    }

    private SlackInteraction click(String user, String value) {
        return h.slack.feedbackClick(CHANNEL, answerTs, user, value, FeedbackButtons.ACTION_ID);
    }

    private double counted(String vote) {
        Counter counter = registry.find("askgate.answer.feedback").tag("platform", "slack").tag("vote", vote).counter();
        return counter == null ? 0 : counter.count();
    }

    private SlackCall awaitThanks(int nth) {
        return h.slack.await(() -> h.slack.calls("chat.postEphemeral").stream().skip(nth - 1L).findFirst(),
                Duration.ofSeconds(10), "thanks number " + nth);
    }

    /** A negative check: give work that a wrongly taken click would start a moment to show itself. */
    private static void settle() throws InterruptedException {
        Thread.sleep(Duration.ofMillis(500));
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aClickIsAcknowledgedRecordedWithItsVoteAndModelCountedAndThankedToTheClickerAlone(SlackHarness.Mode mode)
            throws Exception {
        start(mode);

        SlackHarness.Ack ack = h.send(click(BOB, value(true)));

        assertThat(ack.status()).isEqualTo(200);
        assertThat(ack.after()).isLessThan(Duration.ofSeconds(3)); // Slack's protocol deadline
        SlackCall thanks = awaitThanks(1);
        assertThat(thanks.param("user")).isEqualTo(BOB);
        assertThat(thanks.param("channel")).isEqualTo(CHANNEL);
        assertThat(thanks.param("thread_ts")).isEqualTo(threadTs);
        assertThat(thanks.text()).contains("Thanks");
        assertThat(h.slack.calls("chat.postMessage")).isEmpty();
        assertThat(h.slack.calls("chat.update")).as("the answer stays as it is").isEmpty();
        assertThat(store.feedbackReport(Instant.EPOCH)).containsExactly(new FeedbackLine("gpt-6-luna", 1, 0));
        assertThat(counted("up")).isEqualTo(1);
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.INFO).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage())
                        .contains("platform=slack", "workspace=" + dev.askgate.testkit.slack.FakeSlack.TEAM_ID,
                                "channel=" + CHANNEL, "user=" + BOB, "request=" + REQUEST, "vote=up")
                        .doesNotContain("The answer", "the question"));
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aClickDeliveredTwiceIsRecordedAndCountedOnce(SlackHarness.Mode mode) throws Exception {
        start(mode);
        SlackInteraction once = click(BOB, value(false));

        assertThat(h.send(once).status()).isEqualTo(200);
        assertThat(h.send(once).status()).isEqualTo(200);

        awaitThanks(1);
        settle();
        assertThat(h.slack.calls("chat.postEphemeral")).hasSize(1);
        assertThat(counted("down")).isEqualTo(1);
        assertThat(store.feedbackReport(Instant.EPOCH)).containsExactly(new FeedbackLine("gpt-6-luna", 0, 1));
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aChangedVoteReplacesThePersonsEarlierOneWhileOthersVotesStay(SlackHarness.Mode mode) throws Exception {
        start(mode);

        h.send(click(BOB, value(true)));
        awaitThanks(1);
        h.send(click(USER, value(true)));
        awaitThanks(2);
        h.send(click(BOB, value(false)));
        SlackCall third = awaitThanks(3);

        assertThat(third.param("user")).isEqualTo(BOB);
        assertThat(store.feedbackReport(Instant.EPOCH)).containsExactly(new FeedbackLine("gpt-6-luna", 1, 1));
        assertThat(counted("up")).as("the metric counts clicks").isEqualTo(2);
        assertThat(counted("down")).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aClickWithAnUnknownValueIsAcknowledgedAndRecordsNothing(SlackHarness.Mode mode) throws Exception {
        start(mode);

        assertThat(h.send(click(BOB, "sideways:" + REQUEST)).status()).isEqualTo(200);
        assertThat(h.send(click(BOB, "up:not a request id")).status()).isEqualTo(200);

        settle();
        assertThat(h.slack.calls("chat.postEphemeral")).isEmpty();
        assertThat(store.feedbackReport(Instant.EPOCH)).isEmpty();
        assertThat(registry.find("askgate.answer.feedback").counters()).isEmpty();
        assertThat(logs.list).filteredOn(e -> e.getLevel() == Level.DEBUG).hasSize(2);
        assertThat(logs.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO)).isEmpty();
    }

    @Test
    void aWronglySignedClickIsRefusedAndRecordsNothing() throws Exception {
        start(SlackHarness.Mode.HTTP);
        String body = click(BOB, value(true)).formBody();

        HttpDelivery d = h.post("application/x-www-form-urlencoded", body,
                new SlackSigner("FAKEnotthesecret0000").headers(Instant.now().getEpochSecond(), body));

        assertThat(d.status()).isEqualTo(401);
        settle();
        assertThat(h.slack.calls("chat.postEphemeral")).isEmpty();
        assertThat(store.feedbackReport(Instant.EPOCH)).isEmpty();
        assertThat(counted("up")).isZero();
    }

    @Test
    void aVoteTheStoreCannotTakeIsLoggedAtWarnWithAllItHeldAndThePersonIsStillThanked() throws Exception {
        start(SlackHarness.Mode.SOCKET);
        store.close(); // every write now fails, as an unreachable database's would

        assertThat(h.send(click(BOB, value(false))).status()).isEqualTo(200);

        awaitThanks(1);
        List<ILoggingEvent> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN).toList();
        assertThat(warnings).singleElement().satisfies(w -> assertThat(w.getFormattedMessage())
                .contains("lost", "request=" + REQUEST, "vote=down", "user=" + BOB, "message=" + answerTs));
        assertThat(counted("down")).isEqualTo(1);
    }
}
