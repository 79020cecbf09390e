package dev.askgate.core.openai;

import ch.qos.logback.classic.Level;
import dev.askgate.core.Turn;
import dev.askgate.core.Usage;
import dev.askgate.core.config.Secret;
import dev.askgate.core.key.FixedKeySource;
import dev.askgate.core.model.ModelCheck;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelRequest;
import dev.askgate.core.model.ModelResult;
import dev.askgate.core.testing.LogCapture;
import dev.askgate.testkit.openai.FakeModel;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.openai.RecordedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.askgate.core.openai.ModelFixture.KEY;
import static dev.askgate.core.openai.ModelFixture.question;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiChatModelTest {
    private final ModelFixture fixture = new ModelFixture();
    private final FakeOpenAi fake = fixture.fake;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void streamsTheAnswerDeltaByDeltaThenReportsFinishUsageAndRequestId() {
        fake.enqueue(FakeOpenAi.answer("Hello there, how are you?").usage(120, 64, 7));
        List<String> deltas = new ArrayList<>();

        ModelResult result = fixture.model().stream(question("Hi"), deltas::add);

        assertThat(deltas).containsExactly("Hello", " there,", " how", " are", " you?");
        assertThat(result).isEqualTo(new ModelResult.Completed("Hello there, how are you?", "stop",
                new Usage(120, 64, 7), "gpt-6-luna", fake.lastRequest().answeredRequestId()));
    }

    @Test
    void assemblesAnAnswerSplitIntoManySmallDeltas() {
        String text = "Ünïcödé and emoji 🙂 survive one-character deltas.";
        fake.enqueue(FakeOpenAi.answer(text).streamedInChars());
        StringBuilder seen = new StringBuilder();

        ModelResult result = fixture.model().stream(question("Hi"), seen::append);

        assertThat(seen).hasToString(text);
        assertThat(((ModelResult.Completed) result).text()).isEqualTo(text);
    }

    @Test
    void completesWithoutStreamingWithUsageAndCachedTokens() {
        fake.enqueue(FakeOpenAi.answer("Whole answer").usage(50, 32, 2).finishReason("length"));

        ModelResult result = fixture.model().complete(question("Hi"));

        assertThat(result).isEqualTo(new ModelResult.Completed("Whole answer", "length", new Usage(50, 32, 2),
                "gpt-6-luna", fake.lastRequest().answeredRequestId()));
        assertThat(fake.lastRequest().streaming()).isFalse();
        assertThat(fake.lastRequest().body().has("stream_options")).isFalse();
    }

    @Test
    void sendsModelMessagesInOrderAndAsksForUsageWhenStreaming() {
        ModelRequest request = new ModelRequest("ask-2", "gpt-6.1-terra", List.of(Turn.system("You are terse."),
                Turn.user("First"), Turn.assistant("Reply"), Turn.user("Second")));

        fixture.model().stream(request, text -> { });

        RecordedCall call = fake.lastRequest();
        assertThat(call.path()).isEqualTo("/v1/chat/completions");
        assertThat(call.model()).isEqualTo("gpt-6.1-terra");
        assertThat(call.messageRoles()).containsExactly("system", "user", "assistant", "user");
        assertThat(call.messageContents()).containsExactly("You are terse.", "First", "Reply", "Second");
        assertThat(call.streaming()).isTrue();
        assertThat(call.body().path("stream_options").path("include_usage").asBoolean()).isTrue();
        assertThat(call.body().has("max_completion_tokens")).isFalse();
    }

    @Test
    void sendsMaxCompletionTokensOnlyWhenACapIsGiven() {
        fixture.model().complete(new ModelRequest("ask-3", "gpt-6-luna", List.of(Turn.user("Hi")), 256));

        assertThat(fake.lastRequest().body().path("max_completion_tokens").asInt()).isEqualTo(256);
    }

    @Test
    void sendsTheKeyAndTheOrganizationAndProjectHeaders() {
        OpenAiChatModel model = fixture.model(fixture.config(Duration.ofSeconds(10), 2, "org-FAKE1", "proj_FAKE2"),
                new FixedKeySource(new Secret(KEY)));

        model.complete(question("Hi"));

        RecordedCall call = fake.lastRequest();
        assertThat(call.header("authorization")).isEqualTo("Bearer " + KEY);
        assertThat(call.header("openai-organization")).isEqualTo("org-FAKE1");
        assertThat(call.header("openai-project")).isEqualTo("proj_FAKE2");
    }

    @Test
    void leavesOutOrganizationAndProjectHeadersWhenNotConfigured() {
        fixture.model().complete(question("Hi"));

        assertThat(fake.lastRequest().header("openai-organization")).isNull();
        assertThat(fake.lastRequest().header("openai-project")).isNull();
    }

    @Test
    void aStreamCutMidwayFailsAsBrokenWithTheTextThatArrived() {
        fake.enqueue(FakeOpenAi.answer("one two three four five").cutAfter(3));
        StringBuilder seen = new StringBuilder();

        ModelResult result = fixture.model().stream(question("Hi"), seen::append);

        assertThat(result).isInstanceOfSatisfying(ModelResult.Failed.class, failed -> {
            assertThat(failed.error()).isEqualTo(new ModelError.StreamBroken("one two three".length(),
                    fake.lastRequest().answeredRequestId()));
            assertThat(failed.partialText()).isEqualTo("one two three");
        });
        assertThat(seen).hasToString("one two three");
        assertThat(fake.requestCount()).as("no retry once text was passed on").isEqualTo(1);
    }

    @Test
    void aStreamThatEndsWithoutDoneIsBroken() {
        fake.enqueue(FakeOpenAi.answer("all of it").withoutDone());

        ModelResult result = fixture.model(Duration.ofSeconds(10), 0).stream(question("Hi"), text -> { });

        assertThat(result).isInstanceOfSatisfying(ModelResult.Failed.class, failed ->
                assertThat(failed.error()).isInstanceOf(ModelError.StreamBroken.class));
    }

    @Test
    void aSilentStreamFailsAsTimeout() {
        fake.enqueue(FakeOpenAi.answer("too late").firstTokenAfter(Duration.ofMinutes(5)));

        ModelResult result = fixture.model(Duration.ofSeconds(1), 0).stream(question("Hi"), text -> { });

        assertThat(result).isInstanceOfSatisfying(ModelResult.Failed.class, failed ->
                assertThat(failed.error()).isEqualTo(new ModelError.Timeout(Duration.ofSeconds(1),
                        fake.lastRequest().answeredRequestId())));
    }

    @Test
    void aSilenceAfterTheFirstDeltasAlsoTimesOutAndKeepsThePartialText() {
        fake.enqueue(FakeOpenAi.answer("quick then stuck").perTokenDelay(Duration.ofMinutes(5)));

        ModelResult result = fixture.model(Duration.ofSeconds(1), 2).stream(question("Hi"), text -> { });

        assertThat(result).isInstanceOfSatisfying(ModelResult.Failed.class, failed -> {
            assertThat(failed.error()).isInstanceOf(ModelError.Timeout.class);
            assertThat(failed.partialText()).isEqualTo("quick");
        });
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void checkListsModelsWithTheKey() {
        assertThat(fixture.model().check()).isEqualTo(new ModelCheck.Available());
        assertThat(fake.lastRequest().path()).isEqualTo("/v1/models");
        assertThat(fake.lastRequest().bearerKey()).isEqualTo(KEY);
    }

    @Test
    void checkReportsAModelTheEndpointDoesNotList() {
        fake.models("gpt-6.1-terra", "gpt-6-astra");

        assertThat(fixture.model().check()).isInstanceOfSatisfying(ModelCheck.Unavailable.class,
                u -> assertThat(u.error()).isInstanceOfSatisfying(ModelError.ModelNotFound.class,
                        notFound -> assertThat(notFound.model()).isEqualTo("gpt-6-luna")));
    }

    @Test
    void checkReadsTheModelsShutdownDateWhenTheEndpointListsOne() {
        fake.models(FakeModel.shutsDownOn("gpt-6-luna", LocalDate.of(2026, 12, 11)));
        assertThat(fixture.model().check()).isEqualTo(new ModelCheck.Retiring(LocalDate.of(2026, 12, 11)));

        fake.models(FakeModel.withoutShutdown("gpt-6-luna"));
        assertThat(fixture.model().check()).as("null: no end announced").isEqualTo(new ModelCheck.Available());

        fake.models(FakeModel.listed("gpt-6-luna"));
        assertThat(fixture.model().check()).as("no field at all").isEqualTo(new ModelCheck.Available());
    }

    @Test
    void anotherModelsShutdownDateIsNoneOfTheChecksBusiness() {
        fake.models(FakeModel.withoutShutdown("gpt-6-luna"),
                FakeModel.shutsDownOn("gpt-4.1-mini", LocalDate.of(2027, 1, 14)));

        assertThat(fixture.model().check()).isEqualTo(new ModelCheck.Available());
    }

    @Test
    void checkReportsARejectedKey() {
        fake.acceptOnlyKeys("sk-proj-FAKE-some-other-key");

        assertThat(fixture.model().check()).isInstanceOfSatisfying(ModelCheck.Unavailable.class,
                u -> assertThat(u.error()).isInstanceOf(ModelError.InvalidKey.class));
    }

    @Test
    void answersManyConcurrentStreamsOnVirtualThreads() throws Exception {
        fake.replyAlways(FakeOpenAi.answer("a shared answer in six words").perTokenDelay(Duration.ofMillis(20)));
        OpenAiChatModel model = fixture.model();
        List<Future<ModelResult>> calls = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 24; i++) {
                calls.add(threads.submit(() -> model.stream(question("Hi"), text -> { })));
            }
            for (var call : calls) {
                assertThat(call.get()).isInstanceOfSatisfying(ModelResult.Completed.class,
                        c -> assertThat(c.text()).isEqualTo("a shared answer in six words"));
            }
        }
        assertThat(fake.requestCount()).isEqualTo(24);
    }

    @Test
    void aFailingDeltaListenerStopsTheStreamAndItsExceptionReachesTheCaller() {
        fake.enqueue(FakeOpenAi.answer("one two three"));
        OpenAiChatModel model = fixture.model();

        assertThatThrownBy(() -> model.stream(question("Hi"), text -> {
            throw new IllegalStateException("sink broke");
        })).isInstanceOf(IllegalStateException.class).hasMessage("sink broke");
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void warnsWhenTheKeyWouldTravelUnencryptedToAnotherHost() {
        try (var logs = LogCapture.start()) {
            fixture.model();
            assertThat(logs.events(Level.WARN, "unencrypted")).isEmpty();

            fixture.model(new OpenAiConfig(URI.create("http://user:FAKEpass@llm.example.internal/v1"),
                    "gpt-6-luna", "", "", Duration.ofSeconds(5), 0, fixture.config(Duration.ofSeconds(5), 0, "", "").key()),
                    new FixedKeySource(new Secret(KEY)));
            assertThat(logs.events(Level.WARN, "unencrypted")).singleElement()
                    .satisfies(e -> assertThat(e.getFormattedMessage()).contains("llm.example.internal")
                            .doesNotContain("FAKEpass"));
        }
    }
}
