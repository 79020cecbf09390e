package dev.askgate.core.feedback;

import ch.qos.logback.classic.Level;
import dev.askgate.core.Platform;
import dev.askgate.core.metrics.AskgateMetrics;
import dev.askgate.core.testing.LogCapture;
import dev.askgate.core.usage.AnswerFeedback;
import dev.askgate.core.usage.FlakyStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class FeedbackRecorderTest {
    private static final AnswerFeedback VOTE = new AnswerFeedback(Instant.parse("2026-12-02T03:00:00Z"),
            Platform.SLACK, "T0FAKE", "C0FAKE", "1700000000.000100", "U0BOB00002", "a1b2c3d4e5f6",
            AnswerFeedback.Vote.DOWN);

    private final FlakyStore store = new FlakyStore();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<Duration> pauses = new CopyOnWriteArrayList<>();

    private FeedbackRecorder recorder(Runnable duringPause) {
        return new FeedbackRecorder(store, new AskgateMetrics(registry), Duration.ofSeconds(1), delay -> {
            pauses.add(delay);
            duringPause.run();
        });
    }

    private double counted() {
        return registry.get("askgate.answer.feedback").tag("platform", "slack").tag("vote", "down").counter().count();
    }

    @Test
    void aVoteIsLoggedWithItsIdsCountedAndKept() {
        try (LogCapture logs = LogCapture.start()) {
            recorder(() -> { }).record(VOTE);

            assertThat(store.votes()).containsExactly(VOTE);
            assertThat(counted()).isEqualTo(1);
            assertThat(pauses).isEmpty();
            assertThat(logs.events(Level.INFO, "answer feedback")).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).isEqualTo("platform=slack workspace=T0FAKE"
                            + " channel=C0FAKE user=U0BOB00002 request=a1b2c3d4e5f6 vote=down answer feedback"));
        }
    }

    @Test
    void aStoreThatFailsOnceIsTriedAgainAfterAPauseAndKeepsTheVote() {
        store.down();
        try (LogCapture logs = LogCapture.start()) {
            recorder(store::up).record(VOTE);

            assertThat(store.votes()).containsExactly(VOTE);
            assertThat(store.failures()).isEqualTo(1);
            assertThat(pauses).containsExactly(Duration.ofSeconds(1));
            assertThat(logs.events(Level.WARN, "")).isEmpty();
        }
    }

    @Test
    void aStoreThatStaysDownGetsThreeTriesThenOneWarnHoldingAllOfTheVote() {
        store.down();
        try (LogCapture logs = LogCapture.start()) {
            recorder(() -> { }).record(VOTE);

            assertThat(store.votes()).isEmpty();
            assertThat(store.failures()).isEqualTo(FeedbackRecorder.TRIES);
            assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
            assertThat(counted()).as("the click still counts").isEqualTo(1);
            assertThat(logs.events(Level.WARN, "answer feedback lost")).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).contains("workspace=T0FAKE", "channel=C0FAKE",
                            "message=1700000000.000100", "user=U0BOB00002", "request=a1b2c3d4e5f6", "vote=down",
                            "at=2026-12-02T03:00:00Z", "connection refused"));
        }
    }

    @Test
    void withoutAStoreAVoteIsStillLoggedAndCounted() {
        try (LogCapture logs = LogCapture.start()) {
            FeedbackRecorder.unstored(new AskgateMetrics(registry)).record(VOTE);

            assertThat(counted()).isEqualTo(1);
            assertThat(logs.events(Level.INFO, "request=a1b2c3d4e5f6 vote=down")).hasSize(1);
        }
    }
}
