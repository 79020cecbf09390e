package dev.askgate.discord;

import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.askgate.discord.DiscordHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** What a reply chain gives the model: as much as can be read, without the bot's notes to people. */
class ReplyChainContextTest {
    final DiscordHarness h = new DiscordHarness();

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void withoutReadMessageHistoryAReplyIsStillAnsweredWithThePartOfTheChainDiscordSent() throws Exception {
        h.discord.botMayReadHistory(false);
        h.start();
        h.openai.enqueue(FakeOpenAi.answer("Still answered."));
        String channel = h.discord.channelId();
        String q1 = h.discord.history(h.discord.alice(), channel, "what is the answer?", "");
        String a1 = h.discord.history(h.discord.self(), channel, "Which question do you mean?", q1);

        h.discord.reply(h.discord.alice(), channel, a1, "the one about everything");

        h.discord.awaitText(h.discord.awaitMessageIn(channel, WAIT), "Still answered."::equals, WAIT);
        assertThat(h.openai.lastRequest().messageContents().subList(1, 3))
                .containsExactly("Which question do you mean?", "the one about everything");
    }

    @Test
    void withoutReadMessageHistoryAFollowUpInAThreadIsStillAnswered() throws Exception {
        h.discord.botMayReadHistory(false);
        h.start(Map.of("DISCORD_USE_THREADS", "true"));
        h.openai.enqueue(FakeOpenAi.answer("First."), FakeOpenAi.answer("Second."));
        String thread = h.discord.mention(h.discord.alice(), h.discord.channelId(), "start a topic");
        h.discord.awaitText(h.discord.awaitMessageIn(thread, WAIT), "First."::equals, WAIT);

        h.discord.say(h.discord.alice(), thread, "a follow-up");

        h.discord.awaitText(h.discord.awaitMessages(thread, 2, WAIT).get(1), "Second."::equals, WAIT);
        assertThat(h.openai.lastRequest().messageContents()).last().isEqualTo("a follow-up");
    }

    @Test
    void messagesDiscordAlreadyIncludedAreNotFetchedAgain() throws Exception {
        h.start();
        h.openai.enqueue(FakeOpenAi.answer("ok"));
        String channel = h.discord.channelId();
        String q1 = h.discord.history(h.discord.alice(), channel, "one", "");
        String a1 = h.discord.history(h.discord.self(), channel, "two", q1);
        String q2 = h.discord.history(h.discord.alice(), channel, "three", a1);
        String a2 = h.discord.history(h.discord.self(), channel, "four", q2);

        h.discord.reply(h.discord.alice(), channel, a2, "five");

        h.discord.awaitText(h.discord.awaitMessageIn(channel, WAIT), "ok"::equals, WAIT);
        assertThat(h.openai.lastRequest().messageContents().subList(1, 6))
                .containsExactly("one", "two", "three", "four", "five");
        // a2 came with the event; q2 is fetched and carries a1; q1 is fetched.
        assertThat(h.discord.calls("GET", "channels/\\d+/messages/\\d+")).hasSize(2);
    }

    @Test
    void theBotsNotesToPeopleAreNotGivenToTheModelAsItsAnswers() throws Exception {
        h.start();
        h.openai.enqueue(FakeOpenAi.answer("ok"));
        String channel = h.discord.channelId();
        String q1 = h.discord.history(h.discord.alice(), channel, "first question", "");
        String a1 = h.discord.history(h.discord.self(), channel,
                "Half an answer\n\n\u26a0\ufe0f The answer was cut off: the connection to OpenAI broke.", q1);
        String q2 = h.discord.history(h.discord.alice(), channel, "try again", a1);
        String a2 = h.discord.history(h.discord.self(), channel, "\u26a0\ufe0f OpenAI is busy right now.", q2);

        h.discord.reply(h.discord.alice(), channel, a2, "and now?");

        h.discord.awaitText(h.discord.awaitMessageIn(channel, WAIT), "ok"::equals, WAIT);
        assertThat(h.openai.lastRequest().messageContents()).doesNotContain("\u26a0\ufe0f OpenAI is busy right now.")
                .noneMatch(t -> t.contains("cut off")).contains("Half an answer");
    }

    @Test
    void aLongAnswerSplitInsideACodeBlockIsGivenBackAsOneBlock() throws Exception {
        h.start();
        h.openai.enqueue(FakeOpenAi.answer("ok"));
        String channel = h.discord.channelId();
        String q1 = h.discord.history(h.discord.alice(), channel, "write code", "");
        String p1 = h.discord.history(h.discord.self(), channel, "Here:\n```java\nint a = 1;\n```", q1);
        String p2 = h.discord.history(h.discord.self(), channel, "```java\nint b = 2;\n```\nDone.", p1);

        h.discord.reply(h.discord.alice(), channel, p2, "thanks");

        h.discord.awaitText(h.discord.awaitMessageIn(channel, WAIT), "ok"::equals, WAIT);
        assertThat(h.openai.lastRequest().messageContents())
                .contains("Here:\n```java\nint a = 1;\nint b = 2;\n```\nDone.");
    }

    @Test
    void typingShowsBeforeTheChainIsRead() throws Exception {
        h.start();
        h.openai.enqueue(FakeOpenAi.answer("ok"));
        String channel = h.discord.channelId();
        String q1 = h.discord.history(h.discord.alice(), channel, "one", "");
        String a1 = h.discord.history(h.discord.self(), channel, "two", q1);

        h.discord.reply(h.discord.alice(), channel, a1, "three");

        h.discord.awaitText(h.discord.awaitMessageIn(channel, WAIT), "ok"::equals, WAIT);
        var calls = h.discord.calls();
        int typing = calls.indexOf(h.discord.calls("POST", "channels/" + channel + "/typing").getFirst());
        int fetch = calls.indexOf(h.discord.calls("GET", "channels/\\d+/messages/" + q1).getFirst());
        assertThat(typing).isLessThan(fetch);
    }
}
