package dev.askgate.discord;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askgate.testkit.discord.SentMessage;
import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.askgate.discord.DiscordHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Mentions, replies and their context, end to end: real JDA against FakeDiscord, real core against FakeOpenAi. */
class MentionAnsweringTest {
    DiscordHarness h;

    @AfterEach
    void tearDown() {
        if (h != null) h.close();
    }

    @Test
    void mentionIsAnsweredByAReplyWithTheModelsText() throws Exception {
        h = new DiscordHarness().start();
        h.openai.enqueue(FakeOpenAi.answer("Use git revert to undo a pushed commit."));

        String question = h.discord.mention(h.discord.alice(), h.discord.channelId(), "how do I undo a commit?");

        SentMessage answer = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        assertThat(h.discord.awaitText(answer, t -> t.equals("Use git revert to undo a pushed commit."), WAIT))
                .isNotNull();
        assertThat(answer.replyToId()).isEqualTo(question);
        assertThat(h.openai.lastRequest().messageContents()).last().isEqualTo("how do I undo a commit?");
        Thread.sleep(1_000); // past the core's typing grace
        assertThat(h.discord.calls("POST", "channels/\\d+/typing"))
                .as("an answer shown within the typing grace needs no typing indicator").isEmpty();
    }

    @Test
    void anAnswerSlowToComeShowsOneTypingIndicatorBeforeItsMessage() throws Exception {
        h = new DiscordHarness().start();
        h.openai.enqueue(FakeAnswer.of("Slow but sure.").firstTokenAfter(Duration.ofMillis(1500)));

        h.discord.mention(h.discord.alice(), h.discord.channelId(), "take your time?");

        SentMessage answer = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        h.discord.awaitText(answer, "Slow but sure."::equals, WAIT);
        var calls = h.discord.calls();
        var typing = h.discord.calls("POST", "channels/\\d+/typing");
        assertThat(typing).as("one typing indicator, from the core").hasSize(1);
        assertThat(calls.indexOf(typing.getFirst()))
                .isLessThan(calls.indexOf(h.discord.calls("POST", "channels/\\d+/messages").getFirst()));
    }

    @Test
    void theAnswerDoesNotWaitForTheTypingIndicator() throws Exception {
        h = new DiscordHarness().start();
        h.openai.enqueue(FakeAnswer.of("Typing is cosmetic.").firstTokenAfter(Duration.ofMillis(1500)));
        // Discord holds the typing indicator back for 3 s (a 429 that JDA waits out before trying again).
        h.discord.rateLimitNext("POST", "channels/\\d+/typing", 1, 3);

        h.discord.mention(h.discord.alice(), h.discord.channelId(), "is typing waited for?");

        SentMessage answer = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        h.discord.awaitText(answer, "Typing is cosmetic."::equals, WAIT);
        var calls = h.discord.calls();
        int create = calls.indexOf(h.discord.calls("POST", "channels/\\d+/messages").getFirst());
        assertThat(h.discord.calls("POST", "channels/\\d+/typing")).first()
                .satisfies(refused -> assertThat(refused.status()).isEqualTo(429))
                .satisfies(refused -> assertThat(calls.indexOf(refused)).isLessThan(create));
        assertThat(calls.subList(0, create)).as("no typing indicator got through before the answer")
                .noneMatch(c -> c.is("POST", "channels/\\d+/typing") && c.status() == 204);
    }

    @Test
    void mentioningTheBotsRoleInsteadOfTheBotWorksToo() throws Exception {
        h = new DiscordHarness().start();
        h.openai.enqueue(FakeOpenAi.answer("Roles work."));

        String question = h.discord.say(h.discord.alice(), h.discord.channelId(),
                "<@&" + h.discord.botRoleId() + "> do role mentions work?");

        SentMessage answer = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        h.discord.awaitText(answer, "Roles work."::equals, WAIT);
        assertThat(answer.replyToId()).isEqualTo(question);
        assertThat(h.openai.lastRequest().messageContents()).last().isEqualTo("do role mentions work?");
    }

    @Test
    void mentionWithoutQuestionGetsTheUsageHintAndNoModelCall() throws Exception {
        h = new DiscordHarness().start();

        h.discord.mention(h.discord.alice(), h.discord.channelId(), "  ");

        SentMessage hint = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        assertThat(hint.text()).contains("/ask").contains("mention me");
        assertThat(h.openai.requestCount()).isZero();
    }

    @Test
    void messagesFromBotsAreIgnored() throws Exception {
        h = new DiscordHarness().start();
        h.openai.answerAlways("an answer");

        String fromBot = h.discord.mention(h.discord.otherBot(), h.discord.channelId(), "answer me, fellow bot");
        String fromHuman = h.discord.mention(h.discord.alice(), h.discord.channelId(), "and me?");

        // Events arrive in order on one gateway connection: once the human is answered, the bot's was seen.
        SentMessage answer = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        h.discord.awaitText(answer, "an answer"::equals, WAIT);
        assertThat(answer.replyToId()).isEqualTo(fromHuman).isNotEqualTo(fromBot);
        assertThat(h.openai.requestCount()).isEqualTo(1);
        assertThat(h.discord.messagesIn(h.discord.channelId())).hasSize(1);
    }

    @Test
    void answersMentioningEveryoneNotifyNobodyInAnyCreateOrEdit() throws Exception {
        h = new DiscordHarness().start();
        String text = "Hey @everyone and @here, ask <@" + h.discord.alice().id() + "> or <@&"
                + h.discord.memberRoleId() + ">, they know it well and will surely help you out.";
        // Paced so the stream outlasts the first create on a loaded machine: the answer is then surely edited.
        h.openai.enqueue(FakeOpenAi.answer(text).streamedInChunksOf(7).perTokenDelay(Duration.ofMillis(30)));

        h.discord.mention(h.discord.alice(), h.discord.channelId(), "who knows?");

        SentMessage answer = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        h.discord.awaitText(answer, text::equals, WAIT);
        assertThat(answer.edits()).as("the answer was edited, so edits are checked too").isPositive();
        assertThat(answer.bodies()).allSatisfy(MentionAnsweringTest::mentionsNobody);
    }

    @Test
    void askAnswersMentioningEveryoneNotifyNobodyInTheResponseOrItsFollowUps() throws Exception {
        h = new DiscordHarness().start();
        String line = "Hey @everyone and @here, ask <@" + h.discord.alice().id() + "> or <@&"
                + h.discord.memberRoleId() + ">, they know it well.\n";
        String text = line.repeat(2600 / line.length());
        h.openai.enqueue(FakeOpenAi.answer(text).streamedInChunksOf(300));

        String token = h.discord.slashCommand(h.discord.alice(), h.discord.channelId(), "ask",
                Map.of("question", "who knows?"));

        List<SentMessage> parts = h.discord.awaitMessages(h.discord.channelId(), 2, WAIT);
        h.discord.await(() -> parts.get(1).text().contains("they know it well.") ? true : null, WAIT, "follow-up");
        SentMessage original = parts.getFirst();
        assertThat(original.interactionToken()).isEqualTo(token);
        assertThat(original.edits()).as("the deferred response was edited").isPositive();
        // The deferred response itself carries no text; every edit of it and every follow-up must ping nobody.
        assertThat(original.bodies().subList(1, original.bodies().size()))
                .allSatisfy(MentionAnsweringTest::mentionsNobody);
        assertThat(parts.get(1).bodies()).isNotEmpty().allSatisfy(MentionAnsweringTest::mentionsNobody);
    }

    private static void mentionsNobody(JsonNode body) {
        JsonNode mentions = body.path("allowed_mentions");
        assertThat(mentions.path("parse").isArray()).as("parse in %s", body).isTrue();
        assertThat(mentions.path("parse")).isEmpty();
        assertThat(mentions.path("replied_user").asBoolean(true)).isFalse();
        assertThat(mentions.has("users") || mentions.has("roles")).isFalse();
    }

    @Test
    void aMentionFromADeniedRoleNeverReachesTheModelAndIsRefusedOncePerMinute() throws Exception {
        h().start(Map.of("DISCORD_DENIED_ROLES", h.discord.restrictedRoleId()));
        h.openai.answerAlways("should never be sent");

        String first = h.discord.mention(h.discord.bob(), h.discord.channelId(), "may I?");
        h.discord.mention(h.discord.bob(), h.discord.channelId(), "may I now?");
        h.discord.mention(h.discord.alice(), h.discord.channelId(), "and I?");

        List<SentMessage> replies = h.discord.awaitMessages(h.discord.channelId(), 2, WAIT);
        h.discord.awaitText(replies.get(1), "should never be sent"::equals, WAIT);
        SentMessage refusal = replies.getFirst();
        assertThat(refusal.replyToId()).isEqualTo(first);
        assertThat(refusal.text()).contains("not available to you here");
        assertThat(h.discord.messagesIn(h.discord.channelId())).hasSize(2); // the second try got no second refusal
        assertThat(h.openai.requestCount()).isEqualTo(1);
        assertThat(h.openai.lastRequest().messageContents()).last().isEqualTo("and I?");
    }

    private DiscordHarness h() {
        if (h == null) h = new DiscordHarness();
        return h;
    }
}
