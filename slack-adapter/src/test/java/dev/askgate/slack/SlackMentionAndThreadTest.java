package dev.askgate.slack;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Usage;
import dev.askgate.core.model.ModelError;
import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.openai.RecordedCall;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackEvent;
import dev.askgate.testkit.slack.SlackMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.askgate.slack.SlackHarness.CHANNEL;
import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

class SlackMentionAndThreadTest {
    private static final String BOT = "<@" + FakeSlack.BOT_USER_ID + ">";

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aMentionIsAnsweredInItsThreadWithoutTheMentionInTheQuestion(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.enqueue(FakeAnswer.of("Paris."));
            SlackEvent mention = h.slack.appMention(CHANNEL, USER, BOT + " what is the capital of France?", "");

            SlackHarness.Ack ack = h.send(mention, 0);

            assertThat(ack.status()).isEqualTo(200);
            String rootTs = mention.payload().path("event").path("ts").asText();
            SlackMessage answer = h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Paris."));
            assertThat(answer.threadTs()).isEqualTo(rootTs);
            assertThat(h.openAi.lastRequest().messageContents()).last().isEqualTo("what is the capital of France?");
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aFollowUpInAThreadReachesTheModelWithTheThreadsTurnsInOrder(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            String root = h.slack.userMessage(CHANNEL, USER, BOT + " name a prime number", "");
            h.slack.botMessage(CHANNEL, "*7* is prime.", root);
            h.slack.userMessage(CHANNEL, "U0BOB00001", "and an even one?", root);
            h.slack.botMessage(CHANNEL, "2 &amp; only 2.", root);
            h.openAi.enqueue(FakeAnswer.of("Yes: 2 is the only even prime."));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " is that the only one?", root), 0);

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().startsWith("Yes: 2"));
            RecordedCall call = h.openAi.lastRequest();
            assertThat(call.messageRoles()).containsExactly("system", "user", "assistant", "user", "assistant", "user");
            assertThat(call.messageContents()).containsExactly("You are a test.", "name a prime number", "*7* is prime.",
                    "and an even one?", "2 & only 2.", "is that the only one?");
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aFollowUpUnderAnAskContinuesWithTheQuotedQuestionAsTheUsersTurn(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.enqueue(FakeAnswer.of("It is 42."), FakeAnswer.of("Because."));
            // Slack escapes &, < and > in the text it sends.
            h.ask(CHANNEL, USER, "what is &lt;the&gt; answer &amp; why?");
            SlackMessage quote = h.slack.awaitBotMessage(CHANNEL, m -> m.threadTs().isEmpty());
            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("It is 42."));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " why?", quote.ts()), 0);

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Because."));
            assertThat(h.openAi.lastRequest().messageContents())
                    .containsExactly("You are a test.", "what is <the> answer & why?", "It is 42.", "why?");
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aRetriedEventIsAnsweredOnce(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.answerAlways("Only once.");
            SlackEvent mention = h.slack.appMention(CHANNEL, USER, BOT + " answer me once", "");

            h.send(mention, 0);
            h.send(mention, 1);
            h.send(mention, 2);

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Only once."));
            h.openAi.awaitRequests(1, FakeSlack.DEFAULT_WAIT);
            // A second answer would be under way by the time a third delivery is acknowledged; give it a moment.
            h.send(h.slack.appMention("C0OTHER001", USER, BOT + " marker", ""), 0);
            h.slack.awaitBotMessage("C0OTHER001", m -> m.text().equals("Only once."));
            assertThat(h.openAi.chatRequests()).hasSize(2);
            assertThat(h.slack.messages()).filteredOn(m -> m.fromBot() && m.channel().equals(CHANNEL)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aDirectMessageIsAnsweredAndTheBotsOwnMessagesAreIgnored(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.answerAlways("Hello in private.");

            h.send(h.slack.ownMessageEvent("D0ALICE001", "an earlier answer of mine"), 0);
            h.send(h.slack.directMessage("D0ALICE001", USER, "hello bot"), 0);

            h.slack.awaitBotMessage("D0ALICE001", m -> m.text().equals("Hello in private."));
            assertThat(h.openAi.chatRequests()).hasSize(1);
            assertThat(h.openAi.lastRequest().messageContents()).last().isEqualTo("hello bot");
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void directMessagesCanBeTurnedOff(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = new SlackHarness(mode, Duration.ofMillis(100), SlackConfig.AccessLists.OPEN, false)) {
            h.send(h.slack.directMessage("D0ALICE001", USER, "hello bot"), 0);

            SlackCall note = h.slack.awaitCall("chat.postEphemeral", c -> c.param("user").equals(USER));
            assertThat(note.text()).contains("turned off");
            assertThat(h.openAi.requestCount()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aDeniedUsersMentionIsAnsweredPrivatelyAndNeverReachesTheModel(SlackHarness.Mode mode) throws Exception {
        SlackConfig.AccessLists access = new SlackConfig.AccessLists(Set.of(), Set.of(), Set.of(CHANNEL),
                Set.of(), Set.of(), Set.of("U0MALLORY1"));
        try (SlackHarness h = new SlackHarness(mode, Duration.ofMillis(100), access, true)) {
            h.send(h.slack.appMention(CHANNEL, "U0MALLORY1", BOT + " let me in", ""), 0);
            h.send(h.slack.appMention("C0NOTALLOW", USER, BOT + " and here?", ""), 0);

            List<SlackCall> notes = List.of(
                    h.slack.awaitCall("chat.postEphemeral", c -> c.param("user").equals("U0MALLORY1")),
                    h.slack.awaitCall("chat.postEphemeral", c -> c.param("channel").equals("C0NOTALLOW")));
            assertThat(notes).extracting(SlackCall::text).containsOnly(h.words(
                    new dev.askgate.core.ChatOutcome.Refused(new dev.askgate.core.Refusal.NotAllowed())));
            assertThat(h.openAi.requestCount()).isZero();
            assertThat(h.slack.calls("chat.postMessage")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aMentionWithASecretIsAnsweredOnlyToItsAuthor(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.send(h.slack.appMention(CHANNEL, USER, BOT + " is sk-proj-FAKE0notreal0abcdefghijklmnop0123456789 valid?", ""), 0);

            SlackCall note = h.slack.awaitCall("chat.postEphemeral", c -> c.param("user").equals(USER));
            assertThat(note.text()).contains("OpenAI").containsIgnoringCase("revoke");
            assertThat(h.openAi.requestCount()).isZero();
            assertThat(h.slack.calls("chat.postMessage")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aReplyInTheThreadOfADirectMessageContinuesThatConversation(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.enqueue(FakeAnswer.of("Blue."), FakeAnswer.of("Because of Rayleigh scattering."));
            SlackEvent first = h.slack.directMessage("D0ALICE001", USER, "what colour is the sky?");
            h.send(first, 0);
            SlackMessage answer = h.slack.awaitBotMessage("D0ALICE001", m -> m.text().equals("Blue."));
            String root = first.payload().path("event").path("ts").asText();
            assertThat(answer.threadTs()).isEqualTo(root);

            h.send(h.slack.directMessage("D0ALICE001", USER, "why?", root), 0);

            SlackMessage second = h.slack.awaitBotMessage("D0ALICE001", m -> m.text().startsWith("Because"));
            assertThat(second.threadTs()).isEqualTo(root);
            assertThat(h.openAi.lastRequest().messageContents())
                    .containsExactly("You are a test.", "what colour is the sky?", "Blue.", "why?");
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aRefusedPersonIsToldOnceAMinuteAndDirectMessagesIgnoreTheChannelList(SlackHarness.Mode mode) throws Exception {
        SlackConfig.AccessLists access = new SlackConfig.AccessLists(Set.of(), Set.of(), Set.of(CHANNEL),
                Set.of(), Set.of(), Set.of());
        try (SlackHarness h = new SlackHarness(mode, Duration.ofMillis(100), access, true)) {
            h.openAi.answerAlways("Private answer.");
            h.send(h.slack.appMention("C0NOTALLOW", USER, BOT + " one", ""), 0);
            h.send(h.slack.appMention("C0NOTALLOW", USER, BOT + " two", ""), 0);
            h.send(h.slack.directMessage("D0ALICE001", USER, "in private then"), 0);

            h.slack.awaitBotMessage("D0ALICE001", m -> m.text().equals("Private answer."));
            assertThat(h.slack.calls("chat.postEphemeral")).filteredOn(c -> c.param("channel").equals("C0NOTALLOW"))
                    .hasSize(1);
            assertThat(h.openAi.chatRequests()).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void whenTheThreadCannotBeReadTheQuestionIsStillAnsweredWithoutHistory(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            String root = h.slack.userMessage(CHANNEL, USER, BOT + " first question", "");
            h.slack.botMessage(CHANNEL, "First answer.", root);
            // A refusal, not a transient error: those are retried (see SlackTransientFaultsTest).
            h.slack.failNext("conversations.replies", "missing_scope");
            h.openAi.enqueue(FakeAnswer.of("Answered anyway."));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " and now?", root), 0);

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Answered anyway."));
            assertThat(h.openAi.lastRequest().messageContents()).containsExactly("You are a test.", "and now?");
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aLongThreadIsReadPageByPage(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.slack.repliesPageSize(2);
            String root = h.slack.userMessage(CHANNEL, USER, BOT + " one", "");
            h.slack.botMessage(CHANNEL, "two", root);
            h.slack.userMessage(CHANNEL, USER, "three", root);
            h.slack.botMessage(CHANNEL, "four", root);
            h.openAi.enqueue(FakeAnswer.of("six"));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " five", root), 0);

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("six"));
            assertThat(h.openAi.lastRequest().messageContents())
                    .containsExactly("You are a test.", "one", "two", "three", "four", "five");
            assertThat(h.slack.calls("conversations.replies")).hasSizeGreaterThanOrEqualTo(3)
                    .anyMatch(c -> c.param("cursor").startsWith("FAKEcursor"));
        }
    }

    @Test
    void aThreadOfMoreThanAThousandRepliesIsReadToItsNewestTurns() throws Exception {
        try (SlackHarness h = SlackHarness.start(SlackHarness.Mode.SOCKET)) {
            String root = h.slack.userMessage(CHANNEL, USER, BOT + " the root", "");
            for (int i = 0; i < 1_100; i++) h.slack.userMessage(CHANNEL, USER, "reply " + i, root);
            h.openAi.enqueue(FakeAnswer.of("Up to date."));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " and the latest?", root), 0);

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Up to date."));
            List<String> sent = h.openAi.lastRequest().messageContents();
            assertThat(sent.getLast()).isEqualTo("and the latest?");
            // Slack pages from the root onwards: reading only the first thousand would end at "reply 998".
            assertThat(sent).contains("reply 1099", "reply 1098").doesNotContain("reply 0");
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void theBotsOwnPartsAreOneAnswerInTheHistoryAndItsNotesAreLeftOut(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            String root = h.slack.userMessage(CHANNEL, USER, BOT + " tell me a lot", "");
            h.slack.botMessage(CHANNEL, "The first part.", root);
            h.slack.botMessage(CHANNEL, "The second part.\n\n" + h.words(new ChatOutcome.Answered("cut", Usage.NONE,
                    "gpt-6-luna", "length")), root);
            h.slack.botMessage(CHANNEL, h.words(new ChatOutcome.Failed(new ModelError.Network(""), "")), root);
            h.openAi.enqueue(FakeAnswer.of("Continued."));

            h.send(h.slack.appMention(CHANNEL, USER, BOT + " go on", root), 0);

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("Continued."));
            assertThat(h.openAi.lastRequest().messageContents())
                    .containsExactly("You are a test.", "tell me a lot", "The first part.\nThe second part.", "go on");
        }
    }
}
