package dev.askgate.discord;

import dev.askgate.testkit.discord.SentMessage;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.openai.FakeReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static dev.askgate.discord.DiscordHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every model failure reaches the channel as a short human message, never as a stack trace or JSON. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutcomeMessagesTest {
    final DiscordHarness h = new DiscordHarness();

    @BeforeAll
    void start() throws Exception {
        h.start();
    }

    @AfterAll
    void stop() {
        h.close();
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                arguments("key rejected", FakeOpenAi.invalidApiKey(), "key was rejected; an operator has been told"),
                arguments("out of quota", FakeOpenAi.insufficientQuota(), "out of credit"),
                arguments("rate limited", FakeOpenAi.rateLimited(), "OpenAI is busy right now"),
                arguments("timeout", FakeOpenAi.answer("late").firstTokenAfter(Duration.ofSeconds(4)),
                        "took too long to answer"),
                arguments("upstream 5xx", FakeOpenAi.error(503), "OpenAI is having trouble right now"),
                arguments("context too long", FakeOpenAi.contextLengthExceeded(), "too long for the model"),
                arguments("model not found", FakeOpenAi.modelNotFound(), "is not available"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void eachFailureIsWordedForPeople(String category, FakeReply reply, String expected) {
        h.openai.enqueue(reply);

        String question = h.discord.mention(h.discord.alice(), h.discord.channelId(), "please answer (" + category + ")");

        SentMessage message = h.discord.await(() -> h.discord.messagesIn(h.discord.channelId()).stream()
                .filter(m -> m.replyToId().equals(question)).findFirst().orElse(null), WAIT, "reply to " + category);
        String text = h.discord.awaitText(message, t -> t.contains(expected), WAIT);
        assertThat(text).startsWith("\u26a0\ufe0f").doesNotContain("{", "Exception", "\tat ", "sk-");
        assertThat(text.length()).isLessThan(300);
    }

    @ParameterizedTest(name = "broken after {0} words")
    @MethodSource("cuts")
    void aStreamBrokenAfterPartialTextKeepsTheTextAndAppendsWhatWentWrong(int words) {
        String full = "The first words arrive and then the connection breaks before the rest of the answer";
        h.openai.enqueue(FakeOpenAi.answer(full).cutAfter(words));
        String shown = String.join("", FakeOpenAi.answer(full).deltas().subList(0, words));

        String question = h.discord.mention(h.discord.alice(), h.discord.channelId(), "tell me (" + words + ")");

        SentMessage message = h.discord.await(() -> h.discord.messagesIn(h.discord.channelId()).stream()
                .filter(m -> m.replyToId().equals(question)).findFirst().orElse(null), WAIT, "reply");
        String text = h.discord.awaitText(message, t -> t.contains("cut off"), WAIT);
        assertThat(text).startsWith(shown.strip()).contains("\n\n\u26a0\ufe0f ");
    }

    static Stream<Integer> cuts() {
        return Stream.of(3, 8);
    }

    @org.junit.jupiter.api.Test
    void anEmptyAnswerStillGetsAReplySayingSo() {
        h.openai.enqueue(FakeOpenAi.answer(""));

        String question = h.discord.mention(h.discord.alice(), h.discord.channelId(), "say nothing");

        SentMessage message = h.discord.await(() -> h.discord.messagesIn(h.discord.channelId()).stream()
                .filter(m -> m.replyToId().equals(question)).findFirst().orElse(null), WAIT, "reply to empty");
        assertThat(message.text()).contains("empty answer");
    }
}
