package dev.askgate.discord;

import dev.askgate.testkit.discord.SentMessage;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.openai.RecordedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static dev.askgate.discord.DiscordHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Reply chains, threads, DMs and long answers, end to end. */
class ConversationContextTest {
    final DiscordHarness h = new DiscordHarness();

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void aReplyChainOfThreeTurnsReachesTheModelAsThreeTurnsInOrder() throws Exception {
        h.start();
        h.openai.enqueue(FakeOpenAi.answer("It is 42."));
        String channel = h.discord.channelId();
        String bot = h.discord.self().mention();
        String q1 = h.discord.history(h.discord.alice(), channel, bot + " what is the answer?", "");
        String a1 = h.discord.history(h.discord.self(), channel, "Which question do you mean?", q1);

        String q2 = h.discord.reply(h.discord.alice(), channel, a1, "the one about everything");

        SentMessage answer = h.discord.awaitMessageIn(channel, WAIT);
        h.discord.awaitText(answer, "It is 42."::equals, WAIT);
        assertThat(answer.replyToId()).isEqualTo(q2);
        RecordedCall call = h.openai.lastRequest();
        assertThat(call.messageRoles()).containsExactly("system", "user", "assistant", "user");
        assertThat(call.messageContents().subList(1, 4))
                .containsExactly("what is the answer?", "Which question do you mean?", "the one about everything");
        // Discord nests one referenced message; the one before it was fetched.
        assertThat(h.discord.calls("GET", "channels/\\d+/messages/" + q1)).hasSize(1);
    }

    @Test
    void aMentionInAReplyToSomeoneElseTakesThatMessageAsContext() throws Exception {
        h.start();
        h.openai.enqueue(FakeOpenAi.answer("Yes, that is right."));
        String channel = h.discord.channelId();
        String claim = h.discord.history(h.discord.bob(), channel, "rebase rewrites history", "");

        h.discord.send(h.discord.alice(), channel, h.discord.self().mention() + " is this right?",
                List.of(h.discord.self()), claim);

        h.discord.awaitText(h.discord.awaitMessageIn(channel, WAIT), "Yes, that is right."::equals, WAIT);
        assertThat(h.openai.lastRequest().messageContents().subList(1, 3))
                .containsExactly("rebase rewrites history", "is this right?");
    }

    @Test
    void theChainIsCutAtTheConfiguredLength() throws Exception {
        h.start(Map.of("DISCORD_MAX_CHAIN", "2"));
        h.openai.enqueue(FakeOpenAi.answer("fine"));
        String channel = h.discord.channelId();
        String q1 = h.discord.history(h.discord.alice(), channel, "first", "");
        String a1 = h.discord.history(h.discord.self(), channel, "answer one", q1);
        String q2 = h.discord.history(h.discord.alice(), channel, "second", a1);
        String a2 = h.discord.history(h.discord.self(), channel, "answer two", q2);

        h.discord.reply(h.discord.alice(), channel, a2, "third");

        h.discord.awaitText(h.discord.awaitMessageIn(channel, WAIT), "fine"::equals, WAIT);
        assertThat(h.openai.lastRequest().messageContents().subList(1, 4))
                .containsExactly("second", "answer two", "third");
    }

    @Test
    void aLongAnswerWithCodeArrivesAsThreeLinkedMessagesWithBalancedFences() throws Exception {
        h.start();
        StringBuilder text = new StringBuilder("Here is the program you asked for, with comments.\n\n```java\n");
        for (int i = 0; text.length() < 4700; i++) {
            text.append("    int value").append(i).append(" = compute(").append(i).append("); // step ").append(i)
                    .append('\n');
        }
        text.append("```\n\nThat is all: run it with `java Main.java`.");
        String answerText = text.toString();
        assertThat(answerText.length()).isBetween(4700, 5000);
        h.openai.enqueue(FakeOpenAi.answer(answerText).streamedInChunksOf(500));

        String question = h.discord.mention(h.discord.alice(), h.discord.channelId(), "write me a program");

        List<SentMessage> parts = h.discord.awaitMessages(h.discord.channelId(), 3, WAIT);
        h.discord.await(() -> parts.getLast().text().endsWith("`java Main.java`.") ? true : null, WAIT, "last part");
        assertThat(h.discord.messagesIn(h.discord.channelId())).hasSize(3);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.text().length()).isLessThanOrEqualTo(2000);
            assertThat(Pattern.compile("^```", Pattern.MULTILINE).matcher(p.text()).results().count() % 2)
                    .as("fences in %s", p).isZero();
        });
        assertThat(parts.get(0).replyToId()).isEqualTo(question);
        assertThat(parts.get(1).replyToId()).isEqualTo(parts.get(0).id());
        assertThat(parts.get(2).replyToId()).isEqualTo(parts.get(1).id());
        String joined = String.join("\n", parts.stream().map(SentMessage::text).toList());
        assertThat(joined.replace("```\n```java\n", "")).contains("int value0 = compute(0);")
                .contains("That is all");
        for (int i = 0; answerText.contains("value" + i + " "); i++) {
            assertThat(joined).contains("int value" + i + " = compute(" + i + ");");
        }
    }

    @Test
    void directMessagesAreAnsweredWhenAllowed() throws Exception {
        h.start(Map.of("DISCORD_ALLOW_DMS", "true"));
        h.openai.enqueue(FakeOpenAi.answer("Privately: yes."));

        String question = h.discord.directMessage(h.discord.stranger(), "can I ask you here?");

        SentMessage answer = h.discord.awaitMessageIn(h.discord.dmChannelOf(h.discord.stranger()), WAIT);
        h.discord.awaitText(answer, "Privately: yes."::equals, WAIT);
        assertThat(answer.replyToId()).isEqualTo(question);
    }

    @Test
    void directMessagesAreDeclinedOnceWhenNotAllowed() throws Exception {
        h.start();

        h.discord.directMessage(h.discord.stranger(), "hello?");
        h.discord.directMessage(h.discord.stranger(), "hello again?");
        h.discord.mention(h.discord.alice(), h.discord.channelId(), "");
        h.discord.awaitMessageIn(h.discord.channelId(), WAIT); // the gateway delivered everything before it

        List<SentMessage> inDm = h.discord.awaitMessages(h.discord.dmChannelOf(h.discord.stranger()), 1, WAIT);
        assertThat(inDm).hasSize(1);
        assertThat(inDm.getFirst().text()).contains("only answer in servers");
        assertThat(h.openai.requestCount()).isZero();
    }

    @Test
    void withThreadsEachMentionOpensAThreadWhereTheConversationContinuesWithoutMentions() throws Exception {
        h.start(Map.of("DISCORD_USE_THREADS", "true"));
        h.openai.enqueue(FakeOpenAi.answer("First answer."), FakeOpenAi.answer("Second answer."));

        String question = h.discord.mention(h.discord.alice(), h.discord.channelId(), "start a topic");
        String thread = question; // a thread opened on a message has that message's id
        SentMessage first = h.discord.awaitMessageIn(thread, WAIT);
        h.discord.awaitText(first, "First answer."::equals, WAIT);
        assertThat(h.discord.calls("POST", "channels/\\d+/messages/" + question + "/threads")).hasSize(1);

        h.discord.say(h.discord.alice(), thread, "and a follow-up without a mention");

        SentMessage second = h.discord.awaitMessages(thread, 2, WAIT).get(1);
        h.discord.awaitText(second, "Second answer."::equals, WAIT);
        assertThat(h.openai.lastRequest().messageContents().subList(1, 4))
                .containsExactly("start a topic", "First answer.", "and a follow-up without a mention");
    }

    @Test
    void aThreadIsNamedAfterItsAuthorNotAfterTheQuestion() throws Exception {
        h.start(Map.of("DISCORD_USE_THREADS", "true"));
        h.openai.enqueue(FakeOpenAi.answer("An answer."));

        String question = h.discord.mention(h.discord.alice(), h.discord.channelId(), "my private worry about pay");

        h.discord.awaitText(h.discord.awaitMessageIn(question, WAIT), "An answer."::equals, WAIT);
        var opened = h.discord.calls("POST", "channels/\\d+/messages/" + question + "/threads");
        assertThat(opened).hasSize(1);
        assertThat(opened.getFirst().body().path("name").asText()).isEqualTo("Question from alice");
    }

    @Test
    void withThreadsAQuestionWithASecretOpensNoThreadAndLeavesNothingInTheChannel() throws Exception {
        h.start(Map.of("DISCORD_USE_THREADS", "true"));
        String secret = "xoxb-FAKE-1234567890-notarealtoken00";

        h.discord.mention(h.discord.alice(), h.discord.channelId(), "why does " + secret + " fail?");

        h.discord.awaitMessageIn(h.discord.dmChannelOf(h.discord.alice()), WAIT);
        h.discord.mention(h.discord.alice(), h.discord.channelId(), ""); // a marker: events arrive in order
        h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        assertThat(h.discord.calls("POST", ".*/threads")).isEmpty();
        assertThat(h.discord.calls()).noneMatch(c -> c.body().toString().contains(secret)
                || c.body().toString().contains("why does"));
        assertThat(h.openai.requestCount()).isZero();
    }

    @Test
    void withThreadsAFailureBeforeAnyWordsIsRepliedInTheChannelWithoutOpeningAThread() throws Exception {
        h.start(Map.of("DISCORD_USE_THREADS", "true"));
        h.openai.enqueue(FakeOpenAi.error(503));

        String question = h.discord.mention(h.discord.alice(), h.discord.channelId(), "are you there?");

        SentMessage reply = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        assertThat(reply.replyToId()).isEqualTo(question);
        assertThat(reply.text()).contains("OpenAI is having trouble");
        assertThat(h.discord.calls("POST", ".*/threads")).isEmpty();
    }
}
