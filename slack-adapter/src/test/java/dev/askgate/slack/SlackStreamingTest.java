package dev.askgate.slack;

import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.askgate.slack.SlackHarness.CHANNEL;
import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

class SlackStreamingTest {
    private static final String BOT = "<@" + FakeSlack.BOT_USER_ID + ">";

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void streamedUpdatesArePacedAndTheFinalTextEqualsTheModelsAnswer(SlackHarness.Mode mode) throws Exception {
        Duration interval = Duration.ofMillis(400);
        try (SlackHarness h = new SlackHarness(mode, interval, SlackConfig.AccessLists.OPEN, true)) {
            String answer = IntStream.rangeClosed(1, 40).mapToObj(i -> "word" + i + (i % 10 == 0 ? "\n\n" : " "))
                    .collect(Collectors.joining()) + "and **done**.";
            h.openAi.enqueue(FakeAnswer.of(answer).perTokenDelay(Duration.ofMillis(40)));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " count slowly", ""), 0);

            String expected = h.mrkdwn.convert(answer);
            SlackMessage shown = h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals(expected));
            List<SlackCall> posts = h.slack.calls("chat.postMessage");
            assertThat(posts).hasSize(1);
            assertThat(posts.getFirst().text().length()).isLessThan(expected.length()); // the first words, at once
            // Waits on the calls themselves: the update that made the final text is the last one for this message.
            List<SlackCall> updates = h.slack.await(() -> {
                List<SlackCall> u = h.slack.calls("chat.update").stream()
                        .filter(c -> c.param("ts").equals(shown.ts())).toList();
                return !u.isEmpty() && u.getLast().text().equals(expected) ? Optional.of(u) : Optional.empty();
            }, FakeSlack.DEFAULT_WAIT, "the final chat.update");
            assertThat(updates.size()).isGreaterThanOrEqualTo(2);
            assertThat(updates.getLast().text()).isEqualTo(expected);
            // Every update but the final one waits a whole interval after the previous call for this message.
            for (int i = 1; i < updates.size() - 1; i++) {
                Duration gap = Duration.between(updates.get(i - 1).at(), updates.get(i).at());
                assertThat(gap).as("gap before update %d", i).isGreaterThanOrEqualTo(interval.minusMillis(50));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aLongAnswerWithACodeBlockIsSplitIntoThreadMessagesWithBalancedFences(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            String code = IntStream.range(0, 250).mapToObj(i -> "    int value" + i + " = compute(" + i + ");")
                    .collect(Collectors.joining("\n"));
            String answer = "Here is the code:\n\n```java\nclass Big {\n" + code + "\n}\n```\n\nThat is all.";
            h.openAi.enqueue(FakeAnswer.of(answer).streamedInChunksOf(500));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " write a big class", ""), 0);

            List<SlackMessage> parts = h.slack.await(() -> {
                List<SlackMessage> bot = h.slack.messages().stream().filter(SlackMessage::fromBot).toList();
                return bot.size() >= 3 && bot.getLast().text().endsWith("That is all.") ? Optional.of(bot) : Optional.empty();
            }, FakeSlack.DEFAULT_WAIT, "the whole answer");
            assertThat(parts).allSatisfy(m -> {
                assertThat(m.text().length()).isLessThanOrEqualTo(SlackPresenter.PART_CHARS);
                assertThat(m.text().split("```", -1).length % 2).as("balanced fences in %s", m.ts()).isEqualTo(1);
            });
            String all = parts.stream().map(SlackMessage::text).collect(Collectors.joining("\n"));
            assertThat(all).contains("int value0 = compute(0);", "int value249 = compute(249);");
            assertThat(parts.getFirst().text()).startsWith("Here is the code:");
        }
    }

    @Test
    void slackRefusingAPartAsTooLongMakesThatAnswerContinueInShorterPartsWithNothingLost() throws Exception {
        try (SlackHarness h = SlackHarness.start(SlackHarness.Mode.SOCKET)) {
            h.slack.msgTooLongAbove(2_000);
            String answer = IntStream.range(0, 900).mapToObj(i -> "w" + i).collect(Collectors.joining(" ")) + " end.";
            h.openAi.enqueue(FakeAnswer.of(answer));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " a long one", ""), 0);

            List<SlackMessage> parts = h.slack.await(() -> {
                List<SlackMessage> bot = h.slack.messages().stream().filter(SlackMessage::fromBot).toList();
                return !bot.isEmpty() && bot.getLast().text().endsWith("end.") ? Optional.of(bot) : Optional.empty();
            }, FakeSlack.DEFAULT_WAIT, "the whole answer in shorter parts");
            assertThat(parts).hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(2_000));
            assertThat(parts.stream().map(SlackMessage::text).collect(Collectors.joining(" "))).isEqualTo(answer);
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void broadcastsAndMentionsInTheModelsAnswerNotifyNobody(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.enqueue(FakeAnswer.of("Attention <!channel> and <!here>, also <!everyone>, <@U0BOSS0001> "
                    + "and <!subteam^S0TEAM|@devs>: ping @here and @channel & <b>html</b>."));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " shout", ""), 0);

            SlackMessage shown = h.slack.awaitBotMessage(CHANNEL, m -> m.text().endsWith("."));
            String text = h.slack.await(() -> Optional.of(h.slack.messages().stream()
                    .filter(m -> m.ts().equals(shown.ts())).findFirst().orElseThrow().text())
                    .filter(t -> t.contains("html")), FakeSlack.DEFAULT_WAIT, "final text");
            assertThat(text).doesNotContain("<!channel>", "<!here>", "<!everyone>", "<@U0BOSS0001>", "<!subteam",
                    "@here", "@channel");
            assertThat(text).contains("&lt;!channel&gt;", "&lt;@U0BOSS0001&gt;", "&amp;");
            assertThat(h.slack.calls()).extracting(SlackCall::text).noneMatch(t -> t.contains("<!channel>"));
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void msgTooLongIsAnsweredBySplittingSmallerAndRetrying(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.slack.msgTooLongAbove(1_200);
            String answer = IntStream.range(0, 60).mapToObj(i -> "Sentence number " + i + " of a long answer.")
                    .collect(Collectors.joining(" "));
            h.openAi.enqueue(FakeAnswer.of(answer).streamedInChunksOf(4_000));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " talk a lot", ""), 0);

            List<SlackMessage> parts = h.slack.await(() -> {
                List<SlackMessage> bot = h.slack.messages().stream().filter(SlackMessage::fromBot).toList();
                return !bot.isEmpty() && bot.getLast().text().endsWith("59 of a long answer.") ? Optional.of(bot) : Optional.empty();
            }, FakeSlack.DEFAULT_WAIT, "the answer in pieces");
            assertThat(parts.size()).isGreaterThanOrEqualTo(2);
            assertThat(parts).allSatisfy(m -> assertThat(m.text().length()).isLessThanOrEqualTo(1_200));
            assertThat(h.slack.calls("chat.postMessage")).anyMatch(c -> !c.answeredOk());
            assertThat(String.join(" ", parts.stream().map(SlackMessage::text).toList()))
                    .contains("Sentence number 0 ", "Sentence number 30 ", "Sentence number 59 ");
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aRateLimitedPostIsRetriedAfterRetryAfter(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.slack.rateLimitNext("chat.postMessage", 1);
            h.openAi.enqueue(FakeAnswer.of("Patience pays."));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " hurry", ""), 0);

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Patience pays."));
            List<SlackCall> posts = h.slack.calls("chat.postMessage");
            assertThat(posts).hasSizeGreaterThanOrEqualTo(2);
            assertThat(Duration.between(posts.get(0).at(), posts.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aRateLimitedUpdateIsRetriedAndTheAnswerStillEndsComplete(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.slack.rateLimitNext("chat.update", 1);
            h.openAi.enqueue(FakeAnswer.of("one two three four five six seven eight").perTokenDelay(Duration.ofMillis(60)));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " count", ""), 0);

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("one two three four five six seven eight"));
            List<SlackCall> updates = h.slack.calls("chat.update");
            assertThat(updates).isNotEmpty();
            assertThat(updates.getFirst().answeredOk()).isFalse(); // the 429, waited out and retried
            assertThat(updates.getLast().answeredOk()).isTrue();
        }
    }

    @Test
    void slackRateLimitingThatOutlastsTheRetriesIsExplainedToTheAskerPrivately() throws Exception {
        try (SlackHarness h = SlackHarness.start(SlackHarness.Mode.SOCKET)) {
            // Each post is tried six times; the core tries the first post again when the stream ends.
            for (int i = 0; i < 2 * WebApiRetry.ATTEMPTS; i++) h.slack.rateLimitNext("chat.postMessage", 1);
            h.openAi.enqueue(FakeAnswer.of("Never shown.").streamedInChunksOf(100));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " hurry", ""), 0);

            SlackCall note = h.slack.awaitCall("chat.postEphemeral", c -> true);
            assertThat(note.param("user")).isEqualTo(USER);
            // The words for the failure, then the answer itself, so that the asker still has it.
            assertThat(note.text()).startsWith(new SlackWording("/ask").slackFailed(new SlackCallFailed("chat.postMessage", "ratelimited")))
                    .endsWith("Never shown.");
            assertThat(h.slack.messages()).noneMatch(SlackMessage::fromBot);
        }
    }

    @Test
    void continuationMessagesAreUpdatedOnlyWhenTheirTextChanges() throws Exception {
        try (SlackHarness h = SlackHarness.start(SlackHarness.Mode.SOCKET)) {
            // "&" becomes "&amp;" in mrkdwn: 3,300 characters of Markdown outgrow one Slack message several times over.
            String answer = "&&&& ".repeat(660).strip() + " end.";
            h.openAi.enqueue(FakeAnswer.of(answer).streamedInChunksOf(200).perTokenDelay(Duration.ofMillis(30)));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " ampersands", ""), 0);

            List<SlackMessage> parts = h.slack.await(() -> {
                List<SlackMessage> bot = h.slack.messages().stream().filter(SlackMessage::fromBot).toList();
                return bot.size() >= 3 && bot.getLast().text().endsWith("end.") ? Optional.of(bot) : Optional.empty();
            }, FakeSlack.DEFAULT_WAIT, "the answer in its parts");
            for (SlackMessage extra : parts.subList(1, parts.size())) {
                List<String> texts = h.slack.calls("chat.update").stream()
                        .filter(c -> c.param("ts").equals(extra.ts())).map(SlackCall::text).toList();
                for (int i = 1; i < texts.size(); i++) {
                    assertThat(texts.get(i)).as("update %d of %s repeats the previous text", i, extra.ts())
                            .isNotEqualTo(texts.get(i - 1));
                }
            }
        }
    }
}
