package dev.askgate.slack;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Refusal;
import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.openai.RecordedCall;
import dev.askgate.testkit.slack.AssistantCall;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackEvent;
import dev.askgate.testkit.slack.SlackMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

/** The assistant side panel end to end: real Bolt and its Assistant middleware against the fake Slack and OpenAI. */
class SlackAssistantPanelTest {
    private static final String IM = "D0PANEL001";
    private static final String VIEWING = "C0GENERAL1";

    private static SlackHarness panel(SlackHarness.Mode mode) throws Exception {
        return SlackHarness.withPanel(mode, SlackAssistantConfig.on(), SlackConfig.AccessLists.OPEN, true,
                SlackConfig.DEFAULT_API_TIMEOUT);
    }

    /** Opens an assistant thread beside {@code viewing} and waits for the greeting; returns the thread's ts. */
    private static String openThread(SlackHarness h, String viewing) {
        return openThread(h, viewing, SlackAssistantConfig.DEFAULT_GREETING);
    }

    private static String openThread(SlackHarness h, String viewing, String greeting) {
        SlackEvent started = h.slack.assistantThreadStarted(IM, USER, viewing);
        assertThat(h.send(started, 0).status()).isEqualTo(200);
        String thread = started.payload().path("event").path("assistant_thread").path("thread_ts").asText();
        h.slack.awaitBotMessage(IM, m -> m.threadTs().equals(thread) && m.text().equals(greeting));
        return thread;
    }

    private static List<SlackMessage> botRepliesIn(SlackHarness h, String thread) {
        return h.slack.thread(IM, thread).stream().filter(m -> m.fromBot() && !m.ts().equals(thread)).toList();
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aNewThreadIsGreetedAndOfferedTheSuggestedPrompts(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = panel(mode)) {
            String thread = openThread(h, VIEWING);

            AssistantCall prompts = h.slack.await(() -> h.slack.assistantCalls("setSuggestedPrompts").stream().findFirst(),
                    FakeSlack.DEFAULT_WAIT, "suggested prompts");
            assertThat(prompts.channel()).isEqualTo(IM);
            assertThat(prompts.threadTs()).isEqualTo(thread);
            var sent = h.slack.parse(prompts.params().get("prompts"));
            assertThat(sent).hasSize(SlackAssistantConfig.DEFAULT_PROMPTS.size());
            assertThat(sent.get(0).path("title").asText()).isEqualTo(SlackAssistantConfig.DEFAULT_PROMPTS.get(0).title());
            assertThat(sent.get(0).path("message").asText())
                    .isEqualTo(SlackAssistantConfig.DEFAULT_PROMPTS.get(0).message());
            assertThat(h.openAi.requestCount()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aQuestionInThePanelIsAnsweredInItsThreadWithTheThreadAsHistoryAndTitledOnce(SlackHarness.Mode mode)
            throws Exception {
        try (SlackHarness h = panel(mode)) {
            String thread = openThread(h, VIEWING);
            h.openAi.enqueue(FakeAnswer.of("A monad wraps a value with a way to chain steps."));

            h.send(h.slack.directMessage(IM, USER, "What is a   monad?", thread), 0);

            SlackMessage first = h.slack.awaitBotMessage(IM,
                    m -> m.text().equals("A monad wraps a value with a way to chain steps."));
            assertThat(first.threadTs()).isEqualTo(thread);
            RecordedCall asked = h.openAi.lastRequest();
            assertThat(asked.messageRoles()).containsExactly("system", "assistant", "user");
            assertThat(asked.messageContents().get(0)).startsWith("You are a test.")
                    .contains("The person is viewing the Slack channel <#" + VIEWING + ">");
            assertThat(asked.messageContents().get(2)).isEqualTo("What is a   monad?");
            AssistantCall title = h.slack.await(() -> h.slack.assistantCalls("setTitle").stream().findFirst(),
                    FakeSlack.DEFAULT_WAIT, "the thread's title");
            assertThat(title.threadTs()).isEqualTo(thread);
            assertThat(title.params().get("title")).isEqualTo("What is a monad?");

            // Slow to start, so that its thread shows the thinking status (the sync point below).
            h.openAi.enqueue(FakeAnswer.of("A functor maps over a value in a context.")
                    .firstTokenAfter(Duration.ofMillis(1500)));
            h.send(h.slack.directMessage(IM, USER, "And a functor?", thread), 0);

            h.slack.awaitBotMessage(IM, m -> m.text().equals("A functor maps over a value in a context."));
            assertThat(h.openAi.lastRequest().messageRoles())
                    .containsExactly("system", "assistant", "user", "assistant", "user");
            assertThat(h.openAi.lastRequest().messageContents().subList(2, 5)).containsExactly("What is a   monad?",
                    "A monad wraps a value with a way to chain steps.", "And a functor?");
            // The follow-up's status (the first answer came too soon for one) was set after the first answer's
            // title: any second title would precede it.
            h.slack.await(() -> h.slack.assistantCalls("setStatus").stream().findFirst(),
                    FakeSlack.DEFAULT_WAIT, "the second answer's status");
            assertThat(h.slack.assistantCalls("setTitle")).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aContextChangeIsToldInTheNextQuestionsSystemMessage(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = panel(mode)) {
            String thread = openThread(h, VIEWING);
            h.openAi.answerAlways("Noted.");

            assertThat(h.send(h.slack.assistantThreadContextChanged(IM, USER, thread, "C0RANDOM01"), 0).status())
                    .isEqualTo(200);
            h.send(h.slack.directMessage(IM, USER, "Where am I?", thread), 0);

            h.slack.awaitBotMessage(IM, m -> m.text().equals("Noted."));
            String system = h.openAi.lastRequest().messageContents().getFirst();
            assertThat(system).contains("<#C0RANDOM01>").doesNotContain(VIEWING);
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aPanelMessageIsAnsweredOnceEvenWhenSlackRetriesIt(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = panel(mode)) {
            String thread = openThread(h, VIEWING);
            h.openAi.enqueue(FakeAnswer.of("Only once."), FakeAnswer.of("Next."));
            SlackEvent question = h.slack.directMessage(IM, USER, "Say it once", thread);

            h.send(question, 0);
            h.slack.awaitBotMessage(IM, m -> m.text().equals("Only once."));
            h.send(question, 1);
            // A later question answered proves the retry (delivered before it) was handled and dropped.
            h.send(h.slack.directMessage(IM, USER, "next", thread), 0);
            h.slack.awaitBotMessage(IM, m -> m.text().equals("Next."));

            assertThat(botRepliesIn(h, thread)).extracting(SlackMessage::text)
                    .containsExactly(SlackAssistantConfig.DEFAULT_GREETING, "Only once.", "Next.");
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void aDeniedPersonIsRefusedPrivatelyInThePanel(SlackHarness.Mode mode) throws Exception {
        var access = new SlackConfig.AccessLists(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(USER));
        try (SlackHarness h = SlackHarness.withPanel(mode, SlackAssistantConfig.on(), access, true,
                SlackConfig.DEFAULT_API_TIMEOUT)) {
            String thread = openThread(h, VIEWING);

            h.send(h.slack.directMessage(IM, USER, "let me in", thread), 0);

            SlackCall note = h.slack.awaitCall("chat.postEphemeral", c -> c.param("user").equals(USER));
            assertThat(note.text()).isEqualTo(h.words(new ChatOutcome.Refused(new Refusal.NotAllowed())));
            assertThat(note.param("thread_ts")).isEqualTo(thread);
            assertThat(h.openAi.requestCount()).isZero();
            assertThat(botRepliesIn(h, thread)).extracting(SlackMessage::text)
                    .containsExactly(SlackAssistantConfig.DEFAULT_GREETING);
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void withDirectMessagesOffThePanelSaysSoAndRefusesQuestions(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.withPanel(mode, SlackAssistantConfig.on(), SlackConfig.AccessLists.OPEN,
                false, SlackConfig.DEFAULT_API_TIMEOUT)) {
            String off = new SlackWording(SlackBolt.COMMAND).directMessagesOff();
            String thread = openThread(h, VIEWING, off);

            h.send(h.slack.directMessage(IM, USER, "anyone?", thread), 0);

            SlackCall note = h.slack.awaitCall("chat.postEphemeral", c -> c.param("user").equals(USER));
            assertThat(note.text()).isEqualTo(off);
            assertThat(h.openAi.requestCount()).isZero();
            assertThat(h.slack.assistantCalls("setSuggestedPrompts")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(SlackHarness.Mode.class)
    void withThePanelOffAssistantEventsAreAcknowledgedAndIgnored(SlackHarness.Mode mode) throws Exception {
        try (SlackHarness h = SlackHarness.start(mode)) {
            h.openAi.answerAlways("Plain DM answer.");
            SlackEvent started = h.slack.assistantThreadStarted(IM, USER, VIEWING);
            String thread = started.payload().path("event").path("assistant_thread").path("thread_ts").asText();

            assertThat(h.send(started, 0).status()).isEqualTo(200);
            assertThat(h.send(h.slack.assistantThreadContextChanged(IM, USER, thread, "C0RANDOM01"), 0).status())
                    .isEqualTo(200);
            // A top-level DM after them is answered as always, so both events were taken and passed over.
            h.send(h.slack.directMessage(IM, USER, "hello"), 0);
            h.slack.awaitBotMessage(IM, m -> m.text().equals("Plain DM answer."));

            assertThat(h.slack.assistantCalls("setSuggestedPrompts")).isEmpty();
            assertThat(h.slack.assistantCalls("setTitle")).isEmpty();
            assertThat(botRepliesIn(h, thread)).isEmpty();
            assertThat(h.openAi.lastRequest().messageContents().getFirst()).isEqualTo("You are a test.");
        }
    }
}
