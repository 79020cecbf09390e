package dev.askgate.core;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import dev.askgate.core.config.Settings;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.key.KeySource;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ReasoningEffort;
import dev.askgate.core.openai.OpenAiChatModel;
import dev.askgate.core.openai.OpenAiConfig;
import dev.askgate.core.render.OutcomeWording;
import dev.askgate.core.testing.LogCapture;
import dev.askgate.testkit.openai.FakeError;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.openai.FakeReply;
import dev.askgate.testkit.openai.RecordedCall;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real chain a platform uses, over real sockets: ChatService, OpenAiChatModel configured from variables as
 * the launcher does, and FakeOpenAi. Waits between retries are skipped; everything else is real.
 */
class ChatThroughOpenAiTest {
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();
    /** The server's own key, assembled so that no scanner takes this file for a leak. */
    private static final String KEY = "sk-" + "proj-" + "FAKE0000chain0000key0000notreal";
    private static final Caller CALLER = new Caller(Platform.SLACK, "T-FAKE", "C-FAKE", "U-FAKE");
    private static final OutcomeWording WORDING = new OutcomeWording("Mention me with a question.");

    private final LogCapture logs = LogCapture.start();
    private final FakeOpenAi fake = new FakeOpenAi();
    private final OkHttpClient http = new OkHttpClient();
    private final List<KeySource> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(KeySource::close);
        fake.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        logs.close();
        assertThat(logs.text()).doesNotContain(KEY);
    }

    @Test
    void aLongHistoryIsTrimmedOldestFirstKeepingTheSystemPromptAndTheQuestion() throws IOException {
        ChatConfig small = new ChatConfig("gpt-6-luna", "You answer for the FAKE team.", 300, 60);
        List<Turn> turns = IntStream.range(0, 40)
                .mapToObj(i -> i % 2 == 0 ? Turn.user("question number " + i + " about the build")
                        : Turn.assistant("answer number " + i + " about the build"))
                .toList();

        ChatOutcome outcome = service(small).ask(new ChatRequest("req-trim", CALLER, new Conversation(turns),
                "and the newest question?"), ReplySink.discarding());

        assertThat(outcome).isInstanceOf(ChatOutcome.Answered.class);
        RecordedCall sent = fake.lastRequest();
        List<String> contents = sent.messageContents();
        assertThat(sent.messageRoles().getFirst()).isEqualTo("system");
        assertThat(contents.getFirst()).isEqualTo("You answer for the FAKE team.");
        assertThat(contents.getLast()).isEqualTo("and the newest question?");
        List<String> kept = contents.subList(1, contents.size() - 1);
        assertThat(kept).as("some history dropped, some kept").isNotEmpty().hasSizeLessThan(turns.size());
        List<String> newest = turns.subList(turns.size() - kept.size(), turns.size()).stream().map(Turn::text).toList();
        assertThat(kept).as("the newest turns, in order").isEqualTo(newest);
    }

    @Test
    void aQuestionLargerThanTheBudgetIsRefusedWithoutAnyRequest() throws IOException {
        ChatConfig small = new ChatConfig("gpt-6-luna", "You answer for the FAKE team.", 300, 60);

        ChatOutcome outcome = service(small).ask(new ChatRequest("req-long", CALLER, Conversation.empty(),
                "why is the build red ".repeat(200)), ReplySink.discarding());

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Refused.class,
                r -> assertThat(r.refusal()).isInstanceOf(Refusal.QuestionTooLong.class));
        assertThat(fake.requestCount()).isZero();
    }

    @Test
    void anAnswerContainingTheKeyIsWithheldAndTheKeyNeverReachesTheSink() throws IOException {
        fake.enqueue(FakeOpenAi.answer("Sure, the server uses " + KEY + " as its key, as configured.")
                .streamedInChunksOf(5));
        List<String> received = Collections.synchronizedList(new ArrayList<>());

        ChatOutcome outcome = service(defaults()).ask(new ChatRequest("req-leak", CALLER, Conversation.empty(),
                "what key do you use?"), received::add);

        assertThat(outcome).isEqualTo(new ChatOutcome.Refused(new Refusal.AnswerWithheld()));
        assertThat(WORDING.note(outcome)).contains("withheld");
        assertThat(String.join("", received)).doesNotContain(KEY).doesNotContain("FAKE0000chain");
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of("401", FakeOpenAi.invalidApiKey(), 1,
                        "The bot's OpenAI key was rejected; an operator has been told."),
                Arguments.of("403", FakeOpenAi.permissionDenied(), 1,
                        "The bot's OpenAI key may not use this model here."),
                Arguments.of("404", FakeOpenAi.modelNotFound(), 1,
                        "The model this bot is set up to use (gpt-6-luna) is not available (it may have been retired)."),
                Arguments.of("400 context_length_exceeded", FakeOpenAi.contextLengthExceeded(), 1,
                        "This conversation has become too long for the model."),
                Arguments.of("429 rate_limit_exceeded", FakeOpenAi.rateLimited().retryAfterSeconds(20), 3,
                        "OpenAI is busy right now. Please try again in 20 seconds."),
                Arguments.of("429 insufficient_quota", FakeOpenAi.insufficientQuota(), 1,
                        "The bot's OpenAI account is out of credit"),
                Arguments.of("503 after retries", FakeOpenAi.error(503), 3,
                        "OpenAI is having trouble right now. Please try again in a minute."),
                Arguments.of("stream cut mid-way", FakeOpenAi.answer("The first words and then nothing more")
                        .cutAfter(3), 1, "The answer was cut off: the connection to OpenAI broke."),
                Arguments.of("silent stream", FakeOpenAi.answer("never heard").firstTokenAfter(Duration.ofSeconds(30)),
                        3, "OpenAI took too long to answer. Please try again."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failures")
    void eachFailureIsWordedForPeopleAndRetriedOnlyWhenThatCanHelp(String name, FakeReply reply, int requests,
                                                                  String sentence) throws IOException {
        fake.replyAlways(reply);

        ChatOutcome outcome = service(defaults()).ask(new ChatRequest("req-" + name, CALLER, Conversation.empty(),
                "will this work?"), ReplySink.discarding());

        assertThat(outcome).isInstanceOf(ChatOutcome.Failed.class);
        assertThat(WORDING.note(outcome)).contains(sentence).doesNotContain(KEY);
        assertThat(fake.chatRequests()).hasSize(requests);
    }

    @Test
    void aRejectedKeyIsOneErrorForTheOperatorNotAWarningPerQuestion() throws IOException {
        fake.acceptOnlyKeys("sk-proj-FAKE-the-only-valid-one");
        ChatService service = service(defaults());

        for (int i = 0; i < 3; i++) {
            ChatOutcome outcome = service.ask(new ChatRequest("req-" + i, CALLER, Conversation.empty(), "hello?"),
                    ReplySink.discarding());
            assertThat(WORDING.note(outcome)).isEqualTo("The bot's OpenAI key was rejected; an operator has been told.");
        }

        assertThat(logs.events().stream().filter(e -> e.getLevel() == Level.ERROR)).hasSize(1);
        assertThat(logs.events().stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getLoggerName)).doesNotContain(ChatService.class.getName());
        assertThat(fake.chatRequests()).hasSize(3);
    }

    @Test
    void everyDetailOfTheUsageChunkReachesTheOutcomeAndTheAnsweredLine() throws IOException {
        fake.enqueue(FakeOpenAi.answer("Thought about it, and the answer is 42.").usage(1200, 1024, 300)
                .usageDetails(128, 200));

        ChatOutcome outcome = service(defaults()).ask(new ChatRequest("req-usage", CALLER, Conversation.empty(),
                "what is the answer?"), ReplySink.discarding());

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Answered.class, answered ->
                assertThat(answered.usage()).isEqualTo(new Usage(1200, 1024, 128, 300, 200, false)));
        assertThat(logs.events()).filteredOn(e -> e.getFormattedMessage().contains(" answered: "))
                .singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("prompt=1200 cached=1024 cache_write=128 completion=300 reasoning=200 tokens")
                .doesNotContain("estimated");
    }

    @Test
    void aStreamCutBeforeItsUsageChunkYieldsEstimatedUsageNotZero() throws IOException {
        fake.enqueue(FakeOpenAi.answer("The first words of a long answer and then the line goes dead").cutAfter(6));

        ChatOutcome outcome = service(defaults()).ask(new ChatRequest("req-cut", CALLER, Conversation.empty(),
                "tell me a long story"), ReplySink.discarding());

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Failed.class, failed -> {
            assertThat(failed.partialText()).isEqualTo("The first words of a long");
            assertThat(failed.usage().estimated()).isTrue();
            assertThat(failed.usage().promptTokens()).as("system prompt and question, counted")
                    .isGreaterThan(10);
            assertThat(failed.usage().completionTokens()).as("the six words received").isBetween(6, 8);
        });
    }

    @Test
    void anEndpointThatSendsNoUsageGetsItsAnswerCountedAndMarkedEstimated() throws IOException {
        fake.enqueue(FakeOpenAi.answer("A compatible server answered this.").withoutUsage());

        ChatOutcome outcome = service(defaults()).ask(new ChatRequest("req-nousage", CALLER, Conversation.empty(),
                "who answers?"), ReplySink.discarding());

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Answered.class, answered -> {
            assertThat(answered.usage().estimated()).isTrue();
            assertThat(answered.usage().promptTokens()).isPositive();
            assertThat(answered.usage().completionTokens()).isPositive();
        });
        assertThat(logs.events()).filteredOn(e -> e.getFormattedMessage().contains(" answered: "))
                .singleElement().extracting(ILoggingEvent::getFormattedMessage).asString().contains("(estimated)");
    }

    @Test
    void aFailureBeforeAnyTextRecordsNoUsage() throws IOException {
        fake.replyAlways(FakeOpenAi.insufficientQuota());

        ChatOutcome outcome = service(defaults()).ask(new ChatRequest("req-quota", CALLER, Conversation.empty(),
                "hello?"), ReplySink.discarding());

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Failed.class,
                failed -> assertThat(failed.usage()).isEqualTo(Usage.NONE));
    }

    @Test
    void theReasoningEffortIsSentOnlyWhenSetAndNeverMaxTokensOrSamplingParameters() throws IOException {
        service(defaults()).ask(new ChatRequest("req-plain", CALLER, Conversation.empty(), "hi"),
                ReplySink.discarding());
        ChatConfig thorough = new ChatConfig("gpt-6-luna", ChatConfig.DEFAULT_SYSTEM_PROMPT, 8000, 500,
                ReasoningEffort.HIGH);
        service(thorough).ask(new ChatRequest("req-high", CALLER, Conversation.empty(), "hi"),
                ReplySink.discarding());

        List<RecordedCall> calls = fake.chatRequests();
        assertThat(calls.get(0).body().has("reasoning_effort")).as("unset: no field at all").isFalse();
        assertThat(calls.get(1).body().path("reasoning_effort").asText()).isEqualTo("high");
        for (RecordedCall call : calls) {
            assertThat(call.body().path("max_completion_tokens").asInt()).isEqualTo(500);
            assertThat(call.body().has("max_tokens")).isFalse();
            assertThat(call.body().has("temperature")).isFalse();
            assertThat(call.body().has("top_p")).isFalse();
        }
    }

    @Test
    void aRetiredModelIsOneErrorLineForTheOperatorAndPlainWordsForEveryone() throws IOException {
        fake.replyAlways(FakeOpenAi.modelNotFound());
        ChatService service = service(defaults());

        for (int i = 0; i < 3; i++) {
            ChatOutcome outcome = service.ask(new ChatRequest("req-gone-" + i, CALLER, Conversation.empty(),
                    "still there?"), ReplySink.discarding());
            assertThat(WORDING.note(outcome)).isEqualTo("The model this bot is set up to use (gpt-6-luna) is not "
                    + "available (it may have been retired). An operator needs to change the configuration.");
        }

        assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.ERROR)
                .singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                .contains("model gpt-6-luna is not available on this endpoint (retired or misspelled)")
                .contains("OPENAI_MODEL");
    }

    @Test
    void aCompatibleServersFourHundredSayingTheModelDoesNotExistIsAMissingModel() throws IOException {
        fake.replyAlways(new FakeError(400, "invalid_request_error", null,
                "The model `gpt-6-luna` does not exist", null, Map.of()));

        ChatOutcome outcome = service(defaults()).ask(new ChatRequest("req-400", CALLER, Conversation.empty(),
                "hello?"), ReplySink.discarding());

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Failed.class, failed ->
                assertThat(failed.cause()).isInstanceOfSatisfying(ModelError.ModelNotFound.class,
                        notFound -> assertThat(notFound.model()).isEqualTo("gpt-6-luna")));
        assertThat(fake.chatRequests()).as("not retried").hasSize(1);
    }

    private static ChatConfig defaults() {
        return new ChatConfig("gpt-6-luna", ChatConfig.DEFAULT_SYSTEM_PROMPT, 8000, 500);
    }

    /** Configured as the launcher does it, from variables; the shortest timeout keeps the silent case quick. */
    private ChatService service(ChatConfig settings) throws IOException {
        Settings env = new Settings(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", fake.baseUrl(),
                "OPENAI_TIMEOUT_SECONDS", "1", "OPENAI_MAX_RETRIES", "2"));
        OpenAiConfig config = OpenAiConfig.from(env);
        assertThat(env.problems()).isEmpty();
        KeySource keys = config.key().open();
        opened.add(keys);
        OpenAiChatModel model = new OpenAiChatModel(http, new ObjectMapper(), config, keys, Clock.systemUTC(),
                delay -> { });
        return new ChatService(model, settings, new SecretGuard(), new ContextWindow(settings, REGISTRY),
                keys::appearsIn);
    }
}
