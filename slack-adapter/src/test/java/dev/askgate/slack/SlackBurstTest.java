package dev.askgate.slack;

import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackLimits;
import dev.askgate.testkit.slack.SlackMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

/** A burst of questions under Slack's enforced limits: every answer whole, exactly once, and no 429 at all. */
class SlackBurstTest {
    private static final int CHANNELS = 5;
    private static final int PER_CHANNEL = 5;

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aBurstAcrossChannelsIsAnsweredOnceEachWithinSlacksLimits(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = new SlackHarness(mode, Duration.ofMillis(1500), SlackConfig.AccessLists.OPEN, true)) {
            h.slack.enforce(SlackLimits.PUBLISHED);
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < CHANNELS * PER_CHANNEL; i++) {
                String answer = "Answer " + i + " has several words in it and then it ends.";
                answers.add(answer);
                h.openAi.enqueue(FakeAnswer.of(answer).streamedInWords().perTokenDelay(Duration.ofMillis(60)));
            }

            for (int i = 0; i < CHANNELS * PER_CHANNEL; i++) {
                assertThat(h.ask("C0BURST00" + (i % CHANNELS), USER, "question " + i).text()).isEmpty();
            }

            Map<String, List<SlackMessage>> byThread = h.slack.await(() -> {
                Map<String, List<SlackMessage>> threads = h.slack.messages().stream()
                        .filter(m -> m.fromBot() && !m.threadTs().isEmpty())
                        .collect(Collectors.groupingBy(SlackMessage::threadTs));
                long whole = threads.values().stream().filter(t -> t.getLast().text().endsWith("ends.")).count();
                return whole == answers.size() ? Optional.of(threads) : Optional.empty();
            }, Duration.ofSeconds(60), "every answer, whole");
            assertThat(byThread.values()).allSatisfy(thread -> assertThat(thread).hasSize(1));
            assertThat(byThread.values().stream().map(t -> t.getFirst().text()).sorted().toList())
                    .isEqualTo(answers.stream().sorted().toList());
            assertThat(h.slack.rateLimitedCalls()).isZero();
            assertThat(h.slack.calls("response_url")).isEmpty();
        }
    }
}
