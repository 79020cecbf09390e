package dev.askgate.core;

import ch.qos.logback.classic.Level;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.model.ChatModel;
import dev.askgate.core.model.BotFault;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.usage.BudgetLimit;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.CallCharge;
import dev.askgate.core.usage.SpendCheck;
import dev.askgate.core.usage.Spending;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChatServiceTest {
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    /** The server's own key, assembled so that no scanner takes this file for a leak. */
    private static final String SERVER_KEY = "sk-" + "proj-" + "FAKE0000server0000key0000notreal";
    private static final ChatConfig SETTINGS = new ChatConfig("gpt-6-luna", "Be brief.", 4000, 500);
    private static final Caller CALLER = new Caller(Platform.DISCORD, "guild-1", "channel-7", "user-3");

    private TestLogs logs;

    /** A sink that remembers what it was given. */
    private static final class RecordingSink implements ReplySink {
        final List<String> deltas = new ArrayList<>();
        int started;

        @Override public void accepted() { started++; }
        @Override public void delta(String text) { deltas.add(text); }
        String text() { return String.join("", deltas); }
    }

    @BeforeEach
    void captureLogs() {
        logs = TestLogs.capture(ChatService.class);
    }

    @AfterEach
    void releaseLogs() {
        logs.close();
    }

    private static ChatService service(ChatModel model) {
        return service(model, SETTINGS);
    }

    private static ChatService service(ChatModel model, ChatConfig settings) {
        return new ChatService(model, settings, new SecretGuard(), new ContextWindow(settings, REGISTRY),
                text -> text.contains(SERVER_KEY));
    }

    private static ChatRequest request(String question) {
        return new ChatRequest("req-42", CALLER, Conversation.empty(), question);
    }

    @Test
    void aSituationLineFollowsTheSystemPromptAndIsCountedAgainstTheWindow() {
        ScriptedModel model = ScriptedModel.answering("Sure.");
        ChatRequest viewing = new ChatRequest("req-43", CALLER, Conversation.empty(), "What is this channel for?",
                "The person is viewing the Slack channel <#C0RANDOM01>.");

        service(model).ask(viewing, new RecordingSink());

        List<Turn> sent = model.requests.getFirst().messages();
        assertThat(sent.getFirst()).isEqualTo(Turn.system("Be brief.\n\nThe person is viewing the Slack channel <#C0RANDOM01>."));
        assertThat(sent.getLast()).isEqualTo(Turn.user("What is this channel for?"));

        ChatConfig tight = new ChatConfig("gpt-6-luna", "Be brief.", 4000, 0);
        ContextWindow window = new ContextWindow(tight, REGISTRY);
        int withoutLine = window.counted((ContextWindow.Fit.Fits) window.fit("Be brief.", Conversation.empty(), "hi"))
                .tokens();
        int withLine = window.counted((ContextWindow.Fit.Fits) window.fit(viewing.systemPromptFrom("Be brief."),
                Conversation.empty(), "hi")).tokens();
        assertThat(withLine).isGreaterThan(withoutLine);
    }

    @Test
    void aRequestWithoutASituationSendsTheSystemPromptAsItIs() {
        ScriptedModel model = ScriptedModel.answering("Sure.");

        service(model).ask(request("hello"), new RecordingSink());

        assertThat(model.requests.getFirst().messages().getFirst()).isEqualTo(Turn.system("Be brief."));
    }

    /** A budget of {@code limit} that refuses a worst case (prompt plus cap) beyond it, and notes each prompt asked. */
    private static Spending budget(BudgetMetric metric, long limit, List<Integer> prompts) {
        BudgetLimit budget = new BudgetLimit(BudgetScope.USER, metric, limit);
        return (request, model, promptTokens, outputCap) -> {
            prompts.add(promptTokens);
            return promptTokens + outputCap <= limit ? new SpendCheck.Go(CallCharge.NONE)
                    : new SpendCheck.Refused(new Refusal.OverBudget(budget, 0, Instant.EPOCH));
        };
    }

    private static ChatService underBudget(ChatModel model, Spending spending) {
        return new ChatService(model, SETTINGS, new SecretGuard(), new ContextWindow(SETTINGS, REGISTRY),
                text -> false, spending);
    }

    @Test
    void aTokenBudgetThatRefusesTheByteBoundIsAskedAgainWithThePromptCounted() {
        // "word " is one token in 5 bytes: the byte bound with the cap (500) is over 560, the count with it is not.
        List<Integer> prompts = new ArrayList<>();
        ScriptedModel model = ScriptedModel.answering("Sure.");

        ChatOutcome outcome = underBudget(model, budget(BudgetMetric.TOKENS_PER_DAY, 560, prompts))
                .ask(request("word ".repeat(12)), new RecordingSink());

        assertThat(outcome).isInstanceOf(ChatOutcome.Answered.class);
        assertThat(prompts).hasSize(2);
        assertThat(prompts.getFirst() + SETTINGS.maxOutputTokens()).isGreaterThan(560);
        assertThat(prompts.getLast() + SETTINGS.maxOutputTokens()).isLessThanOrEqualTo(560);
        assertThat(model.requests).hasSize(1);
    }

    @Test
    void aLimitThatDoesNotCountTokensIsNotAskedTwice() {
        List<Integer> prompts = new ArrayList<>();
        ScriptedModel model = ScriptedModel.answering("never");

        ChatOutcome outcome = underBudget(model, budget(BudgetMetric.REQUESTS_PER_MINUTE, 0, prompts))
                .ask(request("word ".repeat(12)), new RecordingSink());

        assertThat(outcome).isInstanceOf(ChatOutcome.Refused.class);
        assertThat(prompts).hasSize(1);
        assertThat(model.requests).isEmpty();
    }

    @Test
    void withTheRoomAsTheCapABudgetThatRefusesTheByteBoundIsNotAskedAgain() {
        // A count would only move tokens from the prompt to the answer's cap: prompt plus cap is the context.
        ChatConfig roomAsCap = new ChatConfig("gpt-6-luna", "Be brief.", 4000, 0);
        List<Integer> prompts = new ArrayList<>();
        var service = new ChatService(ScriptedModel.answering("never"), roomAsCap, new SecretGuard(),
                new ContextWindow(roomAsCap, REGISTRY), text -> false,
                budget(BudgetMetric.TOKENS_PER_DAY, 3999, prompts));

        ChatOutcome outcome = service.ask(request("word ".repeat(12)), new RecordingSink());

        assertThat(outcome).isInstanceOf(ChatOutcome.Refused.class);
        assertThat(prompts).hasSize(1);
    }

    @Test
    void withTheRoomAsTheCapAPromptOverAnEighthOfTheContextByItsBytesIsCountedForTheCap() {
        ChatConfig roomAsCap = new ChatConfig("gpt-6-luna", "Be brief.", 4000, 0);
        ContextWindow window = new ContextWindow(roomAsCap, REGISTRY);
        ScriptedModel model = ScriptedModel.answering("Sure.");
        var service = new ChatService(model, roomAsCap, new SecretGuard(), window, text -> false);
        String shortQuestion = "word ".repeat(12).strip();
        String longQuestion = "word ".repeat(200).strip(); // about 1,000 bytes, over 4,000 / 8; about 200 tokens

        service.ask(request(shortQuestion), new RecordingSink());
        service.ask(request(longQuestion), new RecordingSink());

        var shortFit = (ContextWindow.Fit.Fits) window.fit("Be brief.", Conversation.empty(), shortQuestion);
        var longFit = window.counted((ContextWindow.Fit.Fits) window.fit("Be brief.", Conversation.empty(), longQuestion));
        assertThat(shortFit.exact()).isFalse();
        assertThat(model.requests.get(0).maxOutputTokens()).isEqualTo(4000 - shortFit.tokens());
        assertThat(model.requests.get(1).maxOutputTokens()).isEqualTo(4000 - longFit.tokens()).isGreaterThan(3700);
    }

    @Test
    void anAnswerIsStreamedToTheSinkAndReturnedWithItsUsage() {
        ScriptedModel model = ScriptedModel.answering("Use ", "`mvn ", "test`", " to run them.");
        RecordingSink sink = new RecordingSink();

        ChatOutcome outcome = service(model).ask(request("How do I run the tests?"), sink);

        assertThat(outcome).isInstanceOf(ChatOutcome.Answered.class);
        var answered = (ChatOutcome.Answered) outcome;
        assertThat(answered.text()).isEqualTo("Use `mvn test` to run them.");
        assertThat(answered.usage()).isEqualTo(new Usage(20, 5, 7));
        assertThat(answered.model()).isEqualTo("gpt-test-2025");
        assertThat(sink.started).isEqualTo(1);
        assertThat(sink.text()).isEqualTo("Use `mvn test` to run them.");
        // Text is forwarded up to whitespace, so the sink saw it in whole words.
        assertThat(sink.deltas).containsExactly("Use ", "`mvn ", "test` to run ", "them.");
    }

    @Test
    void aSinkThatFailsStillGetsAnOutcomeReturned() {
        ScriptedModel model = ScriptedModel.answering("Hello wor", "ld");
        ReplySink broken = text -> {
            throw new IllegalStateException("the platform is gone");
        };

        ChatOutcome outcome = service(model).ask(request("Hi"), broken);

        assertThat(outcome).isInstanceOf(ChatOutcome.Failed.class);
        assertThat(((ChatOutcome.Failed) outcome).cause()).isInstanceOfSatisfying(BotFault.class,
                fault -> assertThat(fault.where()).isEqualTo(BotFault.Where.SINK));
    }

    @Test
    void theModelGetsSystemPromptHistoryAndQuestionInOrder() {
        ScriptedModel model = ScriptedModel.answering("ok");
        Conversation history = new Conversation(List.of(Turn.user("first"), Turn.assistant("reply")));

        service(model).ask(new ChatRequest("req-1", CALLER, history, "  second  "), ReplySink.discarding());

        assertThat(model.requests).hasSize(1);
        var sent = model.requests.getFirst();
        assertThat(sent.requestId()).isEqualTo("req-1");
        assertThat(sent.model()).isEqualTo("gpt-6-luna");
        assertThat(sent.maxOutputTokens()).isEqualTo(500);
        assertThat(sent.messages()).containsExactly(Turn.system("Be brief."), Turn.user("first"),
                Turn.assistant("reply"), Turn.user("second"));
    }

    @Test
    void aBlankQuestionIsRefusedWithoutAskingTheModel() {
        ScriptedModel model = ScriptedModel.answering("never");
        RecordingSink sink = new RecordingSink();

        ChatOutcome outcome = service(model).ask(request(" \n "), sink);

        assertThat(outcome).isEqualTo(new ChatOutcome.Refused(new Refusal.EmptyQuestion()));
        assertThat(model.requests).isEmpty();
        assertThat(sink.started).isZero();
    }

    @Test
    void aQuestionWithASecretIsRefusedAndTheSecretIsLoggedNowhere() {
        ScriptedModel model = ScriptedModel.answering("never");
        String token = "xo" + "xb-" + "0000000000-0000000000000-FAKEfake0000";

        ChatOutcome outcome = service(model).ask(request("why does " + token + " not work?"), new RecordingSink());

        assertThat(outcome).isEqualTo(new ChatOutcome.Refused(new Refusal.SecretInQuestion("a Slack token")));
        assertThat(model.requests).isEmpty();
        assertThat(logs.lines(Level.WARN)).singleElement().asString()
                .contains("req-42").contains("a Slack token").doesNotContain(token);
        assertThat(logs.text()).doesNotContain(token).doesNotContain("why does");
    }

    @Test
    void earlierMessagesThatLookLikeSecretsAreLeftOut() {
        ScriptedModel model = ScriptedModel.answering("ok");
        String key = "AK" + "IA" + "FAKE0000FAKE0000";
        Conversation history = new Conversation(List.of(Turn.user("my id is " + key), Turn.assistant("revoke it")));

        service(model).ask(new ChatRequest("req-2", CALLER, history, "what now?"), ReplySink.discarding());

        assertThat(model.requests.getFirst().messages())
                .containsExactly(Turn.system("Be brief."), Turn.assistant("revoke it"), Turn.user("what now?"));
    }

    @Test
    void aQuestionLargerThanTheContextIsRefusedBeforeAnyModelCall() {
        ScriptedModel model = ScriptedModel.answering("never");
        ChatConfig small = new ChatConfig("gpt-6-luna", "", 1000, 200);

        ChatOutcome outcome = service(model, small).ask(request("lorem ipsum ".repeat(1000)), new RecordingSink());

        assertThat(outcome).isInstanceOf(ChatOutcome.Refused.class);
        var refusal = (Refusal.QuestionTooLong) ((ChatOutcome.Refused) outcome).refusal();
        assertThat(refusal.limit()).isEqualTo(800);
        assertThat(refusal.tokens()).isGreaterThan(800);
        assertThat(model.requests).isEmpty();
    }

    @Test
    void anAnswerContainingTheServerKeyIsWithheldAndTheKeyNeverReachesTheSink() {
        // The key arrives split over three deltas, as a stream may cut it anywhere.
        ScriptedModel model = ScriptedModel.answering("Sure, the key is ", SERVER_KEY.substring(0, 6),
                SERVER_KEY.substring(6, 20), SERVER_KEY.substring(20) + " and", " more text");
        RecordingSink sink = new RecordingSink();

        ChatOutcome outcome = service(model).ask(request("what is your key?"), sink);

        assertThat(outcome).isEqualTo(new ChatOutcome.Refused(new Refusal.AnswerWithheld()));
        assertThat(sink.text()).isEqualTo("Sure, the key is ");
        for (String delta : sink.deltas) {
            assertThat(delta).doesNotContain(SERVER_KEY.substring(0, 8));
        }
        assertThat(logs.lines(Level.ERROR)).singleElement().asString().contains("req-42").contains("withheld");
        assertThat(logs.text()).doesNotContain(SERVER_KEY).doesNotContain("Sure, the key");
    }

    @Test
    void aKeyAtTheVeryEndOfTheAnswerIsCaughtInTheHeldBackTail() {
        ScriptedModel model = ScriptedModel.answering("It is ", SERVER_KEY);
        RecordingSink sink = new RecordingSink();

        ChatOutcome outcome = service(model).ask(request("key?"), sink);

        assertThat(outcome).isEqualTo(new ChatOutcome.Refused(new Refusal.AnswerWithheld()));
        assertThat(sink.text()).isEqualTo("It is ");
    }

    @Test
    void aStreamThatBreaksReportsTheTextTheSinkActuallyGot() {
        ScriptedModel model = ScriptedModel.failingAfter(new ModelError.StreamBroken(17, "req_up"),
                "Half of an ", "answer that bre");
        RecordingSink sink = new RecordingSink();

        ChatOutcome outcome = service(model).ask(request("tell me"), sink);

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Failed.class, failed -> {
            assertThat(failed.cause()).isEqualTo(new ModelError.StreamBroken(17, "req_up"));
            assertThat(failed.partialText()).isEqualTo("Half of an answer that bre");
            assertThat(failed.usage().estimated()).as("no usage chunk came: counted").isTrue();
            assertThat(failed.usage().completionTokens()).isPositive();
        });
        assertThat(sink.text()).isEqualTo("Half of an answer that bre");
        assertThat(logs.lines(Level.WARN)).singleElement().asString().contains("StreamBroken").contains("req-42");
    }

    @Test
    void aFailureBeforeAnyTextHasNoPartialText() {
        ScriptedModel model = ScriptedModel.failingAfter(new ModelError.RateLimited(Duration.ofSeconds(3), ""));

        ChatOutcome outcome = service(model).ask(request("hi"), new RecordingSink());

        assertThat(outcome).isEqualTo(new ChatOutcome.Failed(new ModelError.RateLimited(Duration.ofSeconds(3), ""), ""));
    }

    @Test
    void earlierTriesLostBeforeAnyTextAreChargedTheirPromptBesideTheAnswersOwnUsage() {
        ChatModel retried = new ChatModel() {
            @Override public dev.askgate.core.model.ModelResult stream(dev.askgate.core.model.ModelRequest r,
                                                                       DeltaListener l) {
                l.onDelta("four");
                return new dev.askgate.core.model.ModelResult.Completed("four", "stop", new Usage(10, 0, 5), "gpt-6-luna",
                        "req_1").afterLostAttempts(2);
            }
            @Override public dev.askgate.core.model.ModelResult complete(dev.askgate.core.model.ModelRequest r) {
                throw new UnsupportedOperationException();
            }
            @Override public dev.askgate.core.model.ModelCheck check() { return new dev.askgate.core.model.ModelCheck.Available(); }
        };

        ChatOutcome outcome = service(retried).ask(request("hi"), new RecordingSink());

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Answered.class, answered -> {
            assertThat(answered.usage().completionTokens()).isEqualTo(5);
            assertThat(answered.usage().promptTokens()).as("the reported 10 and two prompts counted").isGreaterThan(10 + 2);
            assertThat(answered.usage().estimated()).isTrue();
        });
    }

    @Test
    void aModelThatThrowsEndsAsAFailureNotAnException() {
        ChatModel broken = new ChatModel() {
            @Override public dev.askgate.core.model.ModelResult stream(dev.askgate.core.model.ModelRequest r,
                                                                       DeltaListener l) {
                throw new IllegalStateException("boom with secret details");
            }
            @Override public dev.askgate.core.model.ModelResult complete(dev.askgate.core.model.ModelRequest r) {
                throw new UnsupportedOperationException();
            }
            @Override public dev.askgate.core.model.ModelCheck check() { return new dev.askgate.core.model.ModelCheck.Available(); }
        };

        ChatOutcome outcome = service(broken).ask(request("hi"), new RecordingSink());

        assertThat(outcome).isInstanceOf(ChatOutcome.Failed.class);
        // The client's bug is the bot's own fault, never worded as a network failure towards OpenAI.
        assertThat(((ChatOutcome.Failed) outcome).cause()).isInstanceOfSatisfying(BotFault.class,
                fault -> assertThat(fault.where()).isEqualTo(BotFault.Where.CLIENT));
        assertThat(logs.text()).doesNotContain("secret details");
    }

    @Test
    void oneInfoLineIsLoggedPerAnswerWithContextButNoMessageBodies() {
        ScriptedModel model = ScriptedModel.answering("The answer body.");

        service(model).ask(request("The question body?"), new RecordingSink());

        assertThat(logs.lines(Level.INFO)).singleElement().asString()
                .contains("request=req-42", "platform=DISCORD", "channel=channel-7", "model=gpt-test-2025",
                        "prompt=20", "completion=7", " ms");
        assertThat(logs.text()).doesNotContain("answer body").doesNotContain("question body");
    }
}
