package dev.askgate.discord;

import dev.askgate.testkit.discord.RestCall;
import dev.askgate.testkit.discord.SentMessage;
import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.askgate.discord.DiscordHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Streaming edits, their pacing, Discord's 429s and the /ask command, end to end. */
class StreamingAndCommandTest {
    final DiscordHarness h = new DiscordHarness();

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void aStreamedAnswerIsEditedAtThePacedIntervalAndEndsWithTheWholeText() throws Exception {
        h.start(Map.of("DISCORD_EDIT_INTERVAL_MS", "500"));
        String text = "Streaming answers grow while the model writes them, one word after another, "
                + "so that the reader sees progress long before the end of a long and thoughtful reply.";
        h.openai.enqueue(FakeOpenAi.answer(text).perTokenDelay(Duration.ofMillis(60)));

        h.discord.mention(h.discord.alice(), h.discord.channelId(), "stream please");

        SentMessage answer = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        h.discord.awaitText(answer, text::equals, WAIT);
        List<Instant> times = answer.times();
        List<String> versions = answer.versions();
        assertThat(versions.size()).as("first post, paced edits, final edit").isGreaterThanOrEqualTo(3);
        assertThat(versions.getFirst().length()).isLessThan(text.length());
        assertThat(versions.getLast()).isEqualTo(text);
        // Every edit but the final one waits the interval after the one before (small jitter allowed);
        // the final edit goes out as soon as the stream ends.
        for (int i = 1; i < times.size() - 1; i++) {
            assertThat(Duration.between(times.get(i - 1), times.get(i)).toMillis())
                    .as("gap before edit %d", i).isGreaterThanOrEqualTo(400);
        }
    }

    @Test
    void concurrentAnswersInOneChannelShareItsEditBudget() throws Exception {
        h.start(Map.of("DISCORD_EDIT_INTERVAL_MS", "200"));
        String text = "Three people asked at once, and every answer streams in many small pieces, "
                + "yet the channel never sees more than five edits in any five seconds.";
        h.openai.replyAlways(FakeOpenAi.answer(text).perTokenDelay(Duration.ofMillis(40)));

        for (String q : List.of("one", "two", "three")) {
            h.discord.mention(h.discord.alice(), h.discord.channelId(), q);
        }

        List<SentMessage> answers = h.discord.awaitMessages(h.discord.channelId(), 3, WAIT);
        for (SentMessage answer : answers) {
            h.discord.awaitText(answer, text::equals, Duration.ofSeconds(30));
        }
        List<Instant> edits = h.discord.calls("PATCH", "channels/\\d+/messages/\\d+").stream()
                .map(RestCall::at).sorted().toList();
        assertThat(edits.size()).isGreaterThanOrEqualTo(3);
        for (int i = 5; i < edits.size(); i++) {
            // Booked 5 s apart by the pacer; arrival at the fake may shift each by a little.
            assertThat(Duration.between(edits.get(i - 5), edits.get(i)).toMillis())
                    .as("six edits within five seconds, ending with edit %d", i).isGreaterThanOrEqualTo(4500);
        }
        assertThat(h.discord.calls().stream().filter(c -> c.status() == 429)).isEmpty();
    }

    @Test
    void aBurstOfAnswersInOneChannelAllCompleteWithinItsEditBudgetMostOfThemPostedWhole() throws Exception {
        int asked = 12;
        h.start(Map.of("DISCORD_EDIT_INTERVAL_MS", "200"));
        String text = "Twelve people asked at once in one channel; the edits it allows go to the ends of the answers "
                + "already shown, and the others arrive whole as soon as they are written.";
        h.openai.replyAlways(FakeOpenAi.answer(text).perTokenDelay(Duration.ofMillis(40)));

        for (int i = 0; i < asked; i++) h.discord.mention(h.discord.alice(), h.discord.channelId(), "question " + i);

        List<SentMessage> answers = h.discord.awaitMessages(h.discord.channelId(), asked, WAIT);
        for (SentMessage answer : answers) h.discord.awaitText(answer, text::equals, Duration.ofSeconds(30));
        assertThat(answers).hasSize(asked);
        assertThat(answers.stream().filter(a -> a.versions().size() == 1))
                .as("answers posted whole, never edited").hasSizeGreaterThanOrEqualTo(asked / 2);
        assertThat(h.discord.calls().stream().filter(c -> c.status() == 429)).isEmpty();
        Thread.sleep(500); // a second post or a late edit of any answer would come now
        assertThat(h.discord.messagesIn(h.discord.channelId())).hasSize(asked)
                .allSatisfy(m -> assertThat(m.text()).isEqualTo(text));
    }

    @Test
    void aRateLimitedEditIsWaitedOutAndTheTextStillArrivesComplete() throws Exception {
        h.start();
        String text = "A rate limit from Discord must only delay this text, never lose any of it.";
        h.openai.enqueue(FakeOpenAi.answer(text).perTokenDelay(Duration.ofMillis(30)));
        h.discord.rateLimitNext("PATCH", "channels/\\d+/messages/\\d+", 1, 1);

        h.discord.mention(h.discord.alice(), h.discord.channelId(), "go");

        SentMessage answer = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        h.discord.awaitText(answer, text::equals, WAIT);
        List<RestCall> edits = h.discord.calls("PATCH", "channels/\\d+/messages/\\d+");
        assertThat(edits).extracting(RestCall::status).contains(429);
        RestCall limited = edits.stream().filter(c -> c.status() == 429).findFirst().orElseThrow();
        RestCall retried = edits.get(edits.indexOf(limited) + 1);
        assertThat(Duration.between(limited.at(), retried.at()).toMillis()).isGreaterThanOrEqualTo(900);
    }

    @Test
    void askIsRegisteredDeferredAndAnsweredByEditingTheDeferredResponse() throws Exception {
        h.start();
        h.discord.awaitCall("PUT", "applications/\\d+/commands", WAIT);
        RestCall registration = h.discord.calls("PUT", "applications/\\d+/commands").getFirst();
        assertThat(registration.body().get(0).path("name").asText()).isEqualTo("ask");
        assertThat(registration.body().get(0).path("options").get(0).path("name").asText()).isEqualTo("question");
        h.openai.enqueue(FakeOpenAi.answer("Slash answers work too."));

        Instant asked = Instant.now();
        String token = h.discord.slashCommand(h.discord.alice(), h.discord.channelId(), "ask",
                Map.of("question", "does /ask work?"));

        RestCall callback = h.discord.awaitCall("POST", "interactions/\\d+/" + token + "/callback", WAIT);
        assertThat(callback.body().path("type").asInt()).isEqualTo(5); // deferred channel message
        assertThat(Duration.between(asked, callback.at()).toMillis()).as("deferred within Discord's 3 s, at once")
                .isLessThan(1000);
        SentMessage original = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        h.discord.awaitText(original, "Slash answers work too."::equals, WAIT);
        assertThat(original.interactionToken()).isEqualTo(token);
        assertThat(h.discord.calls("PATCH", "webhooks/\\d+/" + token + "/messages/@original")).isNotEmpty();
        assertThat(h.openai.lastRequest().messageContents()).last().isEqualTo("does /ask work?");
    }

    @Test
    void aLongAskAnswerContinuesInFollowUps() throws Exception {
        h.start();
        String text = ("This sentence fills a long answer to a slash command. ").repeat(70);
        h.openai.enqueue(FakeOpenAi.answer(text).streamedInChunksOf(400));

        String token = h.discord.slashCommand(h.discord.alice(), h.discord.channelId(), "ask",
                Map.of("question", "tell me a lot"));

        List<SentMessage> parts = h.discord.awaitMessages(h.discord.channelId(), 2, WAIT);
        h.discord.await(() -> (parts.get(0).text() + " " + parts.get(1).text()).strip().equals(text.strip())
                ? true : null, WAIT, "both parts complete");
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.interactionToken()).isEqualTo(token);
            assertThat(p.text().length()).isLessThanOrEqualTo(2000);
        });
        assertThat(h.discord.calls("POST", "webhooks/\\d+/" + token)).hasSize(1);
    }

    @Test
    void askFromADeniedUserGetsAnEphemeralRefusal() throws Exception {
        h.start(Map.of("DISCORD_ALLOWED_USERS", h.discord.alice().id()));

        String token = h.discord.slashCommand(h.discord.bob(), h.discord.channelId(), "ask",
                Map.of("question", "may I?"));

        RestCall callback = h.discord.awaitCall("POST", "interactions/\\d+/" + token + "/callback", WAIT);
        assertThat(callback.body().path("type").asInt()).isEqualTo(4);
        assertThat(callback.body().path("data").path("flags").asInt() & 64).isEqualTo(64);
        assertThat(callback.body().path("data").path("content").asText()).contains("not available to you here");
        assertThat(h.openai.requestCount()).isZero();
    }

    @Test
    void askWithABlankQuestionGetsTheUsageHintPrivatelyAndNoModelCall() throws Exception {
        h.start();

        String token = h.discord.slashCommand(h.discord.alice(), h.discord.channelId(), "ask",
                Map.of("question", "   "));

        RestCall callback = h.discord.awaitCall("POST", "interactions/\\d+/" + token + "/callback", WAIT);
        assertThat(callback.body().path("type").asInt()).isEqualTo(4);
        assertThat(callback.body().path("data").path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        assertThat(callback.body().path("data").path("content").asText()).contains("mention me").contains("/ask");
        assertThat(h.openai.requestCount()).isZero();
    }

    @Test
    void guildRegistrationReplacesGlobalRegistrationAndClearsAStaleGlobalAsk() throws Exception {
        h.start(Map.of("DISCORD_GUILD_IDS", h.discord.guildId()));

        RestCall guild = h.discord.awaitCall("PUT", "applications/\\d+/guilds/" + h.discord.guildId() + "/commands",
                WAIT);
        RestCall global = h.discord.awaitCall("PUT", "applications/\\d+/commands", WAIT);

        assertThat(guild.body().get(0).path("name").asText()).isEqualTo("ask");
        assertThat(global.body().isArray() && global.body().isEmpty()).as("global commands cleared").isTrue();
        h.discord.mention(h.discord.alice(), h.discord.channelId(), ""); // a later marker: the usage hint
        h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        assertThat(h.discord.calls("PUT", "applications/\\d+/commands")).singleElement()
                .satisfies(c -> assertThat(c.body().toString()).doesNotContain("ask"));
    }

    @Test
    void theFinalEditGoesOutAsSoonAsTheStreamEndsNotAfterTheInterval() throws Exception {
        h.start(Map.of("DISCORD_EDIT_INTERVAL_MS", "1500"));
        String text = "A short answer that streams in a blink and must be complete at once.";
        h.openai.enqueue(FakeOpenAi.answer(text));

        h.discord.mention(h.discord.alice(), h.discord.channelId(), "quick one");

        SentMessage answer = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        h.discord.awaitText(answer, text::equals, WAIT);
        List<Instant> times = answer.times();
        assertThat(Duration.between(times.getFirst(), times.getLast()).toMillis())
                .as("from the first words to the whole text, with a 1.5 s edit interval").isLessThan(1000);
    }

    @Test
    void aRateLimitOnOneRepliesEditPausesTheOtherRepliesEditsInThatChannel() throws Exception {
        h.start(Map.of("DISCORD_EDIT_INTERVAL_MS", "100"));
        String text = "Two answers stream side by side in one channel, and one of them meets a rate limit.";
        h.openai.replyAlways(FakeOpenAi.answer(text).perTokenDelay(Duration.ofMillis(40)));
        h.discord.rateLimitNext("PATCH", "channels/\\d+/messages/\\d+", 1, 2);

        h.discord.mention(h.discord.alice(), h.discord.channelId(), "one");
        h.discord.mention(h.discord.alice(), h.discord.channelId(), "two");

        for (SentMessage answer : h.discord.awaitMessages(h.discord.channelId(), 2, WAIT)) {
            h.discord.awaitText(answer, text::equals, WAIT);
        }
        List<RestCall> edits = h.discord.calls("PATCH", "channels/\\d+/messages/\\d+");
        RestCall limited = edits.stream().filter(c -> c.status() == 429).findFirst().orElseThrow();
        assertThat(edits.subList(edits.indexOf(limited) + 1, edits.size())).isNotEmpty().allSatisfy(after ->
                assertThat(Duration.between(limited.at(), after.at()).toMillis()).as("%s", after)
                        .isGreaterThanOrEqualTo(1800));
    }
}
