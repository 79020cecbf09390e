package dev.askgate.core.openai;

import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelResult;
import dev.askgate.testkit.openai.FakeError;
import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.askgate.core.openai.ModelFixture.NOW;
import static dev.askgate.core.openai.ModelFixture.question;
import static org.assertj.core.api.Assertions.assertThat;

class OpenAiErrorsAndRetriesTest {
    private final ModelFixture fixture = new ModelFixture();
    private final FakeOpenAi fake = fixture.fake;

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void twoOverloadsThenSuccessTakeThreeRequestsWithBackoff() {
        fake.enqueue(FakeOpenAi.error(503), FakeOpenAi.error(503), FakeOpenAi.answer("finally"));

        ModelResult result = fixture.model().stream(question("Hi"), text -> { });

        assertThat(result).isInstanceOfSatisfying(ModelResult.Completed.class, c -> assertThat(c.text()).isEqualTo("finally"));
        assertThat(fake.requestCount()).isEqualTo(3);
        assertThat(fixture.sleeper.delays()).hasSize(2);
        assertThat(fixture.sleeper.delays().get(0)).isBetween(Duration.ofMillis(375), Duration.ofMillis(500));
        assertThat(fixture.sleeper.delays().get(1)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1000));
    }

    @Test
    void aRetriedTryWhoseStreamBeganAndBrokeBeforeAnyTextIsCountedAsLostForTheCallerToCharge() {
        fake.enqueue(FakeOpenAi.error(503), FakeOpenAi.answer("never shown").cutAfter(0), FakeOpenAi.answer("finally"));

        ModelResult result = fixture.model().stream(question("Hi"), text -> { });

        assertThat(fake.requestCount()).isEqualTo(3);
        // The 503 was refused before any work; the broken stream was processed, so its prompt was billed.
        assertThat(result).isInstanceOfSatisfying(ModelResult.Completed.class, c -> {
            assertThat(c.text()).isEqualTo("finally");
            assertThat(c.lostAttempts()).isEqualTo(1);
        });
    }

    @Test
    void whenEveryTryBreaksBeforeAnyTextTheLastIsTheFailureAndTheEarlierOnesAreLost() {
        fake.replyAlways(FakeOpenAi.answer("never shown").cutAfter(0));

        ModelResult result = fixture.model().stream(question("Hi"), text -> { });

        assertThat(fake.requestCount()).isEqualTo(3);
        assertThat(result).isInstanceOfSatisfying(ModelResult.Failed.class, f -> {
            assertThat(f.beganThenLost()).isTrue();
            assertThat(f.lostAttempts()).isEqualTo(2);
        });
    }

    @Test
    void givesUpAfterMaxRetriesWithTheLastErrorAndItsRequestId() {
        fake.replyAlways(FakeOpenAi.error(502));

        ModelResult result = fixture.model().complete(question("Hi"));

        assertThat(fake.requestCount()).isEqualTo(3);
        assertThat(result).isEqualTo(new ModelResult.Failed(new ModelError.Upstream(502, fake.lastRequest().answeredRequestId())));
    }

    @Test
    void insufficientQuotaIsNeverRetried() {
        fake.enqueue(FakeOpenAi.insufficientQuota(), FakeOpenAi.answer("never sent"));

        ModelResult result = fixture.model().stream(question("Hi"), text -> { });

        assertThat(fake.requestCount()).isEqualTo(1);
        assertThat(result).isEqualTo(new ModelResult.Failed(new ModelError.QuotaExceeded(fake.lastRequest().answeredRequestId())));
        assertThat(fixture.sleeper.delays()).isEmpty();
    }

    @Test
    void aRejectedKeyIsNotRetried() {
        fake.acceptOnlyKeys("sk-proj-FAKE-not-ours");

        ModelResult result = fixture.model().stream(question("Hi"), text -> { });

        assertThat(fake.requestCount()).isEqualTo(1);
        assertThat(result).isEqualTo(new ModelResult.Failed(new ModelError.InvalidKey(fake.lastRequest().answeredRequestId())));
    }

    @Test
    void permissionDeniedKeepsTheServersWords() {
        fake.enqueue(FakeOpenAi.permissionDenied());

        ModelResult result = fixture.model().complete(question("Hi"));

        assertThat(fake.requestCount()).isEqualTo(1);
        assertThat(error(result)).isEqualTo(new ModelError.PermissionDenied("Country, region, or territory not supported",
                fake.lastRequest().answeredRequestId()));
    }

    @Test
    void anUnknownModelIsReportedWithItsName() {
        fake.enqueue(FakeOpenAi.modelNotFound());

        ModelResult result = fixture.model().complete(question("Hi"));

        assertThat(error(result)).isEqualTo(new ModelError.ModelNotFound("gpt-6-luna", fake.lastRequest().answeredRequestId()));
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void aWrongBaseUrlPathIsRejectedNotMistakenForAMissingModel() {
        fake.enqueue(new FakeError(404, "invalid_request_error", null, "Invalid URL (POST /v1/chat/completion)", null,
                java.util.Map.of()));

        ModelResult result = fixture.model().complete(question("Hi"));

        assertThat(error(result)).isInstanceOfSatisfying(ModelError.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(404);
            assertThat(r.message()).contains("Invalid URL");
        });
    }

    @Test
    void contextTooLongIsItsOwnCategoryAndNotRetried() {
        fake.enqueue(FakeOpenAi.contextLengthExceeded());

        ModelResult result = fixture.model().stream(question("Hi"), text -> { });

        assertThat(error(result)).isEqualTo(new ModelError.ContextTooLong(fake.lastRequest().answeredRequestId()));
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void anotherBadRequestIsRejectedWithTypeAndCode() {
        fake.enqueue(FakeOpenAi.error(400));

        ModelResult result = fixture.model().complete(question("Hi"));

        assertThat(error(result)).isInstanceOfSatisfying(ModelError.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.type()).isEqualTo("invalid_request_error");
        });
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 500, 502, 503, 504})
    void transientStatusesAreRetriedAsUpstreamErrors(int status) {
        fake.enqueue(FakeOpenAi.error(status), FakeOpenAi.answer("ok"));

        ModelResult result = fixture.model().complete(question("Hi"));

        assertThat(result).isInstanceOf(ModelResult.Completed.class);
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 409, 500, 502, 503, 504})
    void transientStatusesMapToUpstreamWithTheirStatus(int status) {
        fake.enqueue(FakeOpenAi.error(status));

        ModelResult result = fixture.model(Duration.ofSeconds(10), 0).complete(question("Hi"));

        assertThat(error(result)).isEqualTo(new ModelError.Upstream(status, fake.lastRequest().answeredRequestId()));
    }

    @Test
    void rateLimitIsRetriedAfterTheDelayTheServerAskedForInMilliseconds() {
        fake.enqueue(FakeOpenAi.rateLimited().retryAfter(Duration.ofMillis(1500)).retryAfterSeconds(7),
                FakeOpenAi.answer("ok"));

        ModelResult result = fixture.model().stream(question("Hi"), text -> { });

        assertThat(result).isInstanceOf(ModelResult.Completed.class);
        assertThat(fixture.sleeper.delays()).containsExactly(Duration.ofMillis(1500));
    }

    @Test
    void retryAfterInSecondsIsHonoured() {
        fake.enqueue(FakeOpenAi.rateLimited().retryAfterSeconds(3), FakeOpenAi.answer("ok"));

        fixture.model().complete(question("Hi"));

        assertThat(fixture.sleeper.delays()).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterAsAnHttpDateIsHonoured() {
        fake.enqueue(FakeOpenAi.error(503).retryAfterDate(NOW.plusSeconds(5)), FakeOpenAi.answer("ok"));

        fixture.model().complete(question("Hi"));

        assertThat(fixture.sleeper.delays()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void aServerAskingForMoreThanAMinuteGetsNoRetryAndTheCallerLearnsTheDelay() {
        fake.enqueue(FakeOpenAi.rateLimited().retryAfterSeconds(600), FakeOpenAi.answer("never sent"));

        ModelResult result = fixture.model().complete(question("Hi"));

        assertThat(error(result)).isEqualTo(new ModelError.RateLimited(Duration.ofSeconds(600),
                fake.lastRequest().answeredRequestId()));
        assertThat(fake.requestCount()).isEqualTo(1);
        assertThat(fixture.sleeper.delays()).isEmpty();
    }

    @Test
    void shouldRetryFalseIsHonouredEvenForA503() {
        fake.enqueue(FakeOpenAi.error(503).shouldRetry(false), FakeOpenAi.answer("never sent"));

        ModelResult result = fixture.model().complete(question("Hi"));

        assertThat(fake.requestCount()).isEqualTo(1);
        assertThat(error(result)).isInstanceOf(ModelError.Upstream.class);
    }

    @Test
    void shouldRetryTrueIsHonouredForAnOtherwiseFinalError() {
        fake.enqueue(FakeOpenAi.error(400).shouldRetry(true), FakeOpenAi.answer("ok"));

        ModelResult result = fixture.model().complete(question("Hi"));

        assertThat(fake.requestCount()).isEqualTo(2);
        assertThat(result).isInstanceOf(ModelResult.Completed.class);
    }

    @Test
    void aDroppedConnectionIsANetworkErrorAndIsRetried() {
        fake.enqueue(FakeOpenAi.connectionDropped(), FakeOpenAi.answer("ok"));

        ModelResult result = fixture.model().stream(question("Hi"), text -> { });

        assertThat(result).isInstanceOf(ModelResult.Completed.class);
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void anUnreachableServerIsANetworkError() {
        fake.close();

        ModelResult result = fixture.model(Duration.ofSeconds(5), 1).complete(question("Hi"));

        assertThat(error(result)).isInstanceOf(ModelError.Network.class);
        assertThat(fixture.sleeper.delays()).hasSize(1);
    }

    @Test
    void aStreamIsRetriedWhenItBreaksBeforeTheFirstDelta() {
        fake.enqueue(FakeOpenAi.answer("lost").cutAfter(0), FakeOpenAi.answer("second try"));
        List<String> deltas = new ArrayList<>();

        ModelResult result = fixture.model().stream(question("Hi"), deltas::add);

        assertThat(result).isInstanceOfSatisfying(ModelResult.Completed.class, c -> assertThat(c.text()).isEqualTo("second try"));
        assertThat(String.join("", deltas)).isEqualTo("second try");
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void aStreamIsNotRetriedOnceADeltaWasPassedOn() {
        fake.enqueue(FakeOpenAi.answer("first words then nothing").cutAfter(2), FakeOpenAi.answer("never sent"));
        List<String> deltas = new ArrayList<>();

        ModelResult result = fixture.model().stream(question("Hi"), deltas::add);

        assertThat(deltas).containsExactly("first", " words");
        assertThat(error(result)).isEqualTo(new ModelError.StreamBroken(11, fake.lastRequest().answeredRequestId()));
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void aSlowFirstTokenWithinTheTimeoutIsFine() {
        fake.enqueue(FakeOpenAi.answer("worth the wait").firstTokenAfter(Duration.ofMillis(300)));

        ModelResult result = fixture.model(Duration.ofSeconds(5), 0).stream(question("Hi"), text -> { });

        assertThat(result).isInstanceOf(ModelResult.Completed.class);
    }

    @Test
    void anErrorInsideTheStreamIsSortedIntoItsCategoryAndKeepsThePartialText() {
        fake.enqueue(FakeOpenAi.answer("half an answer").failsAfter(2, FakeOpenAi.error(500)));

        ModelResult result = fixture.model().stream(question("Hi"), text -> { });

        assertThat(result).isEqualTo(new ModelResult.Failed(
                new ModelError.Upstream(500, fake.lastRequest().answeredRequestId()), "half an", dev.askgate.core.Usage.NONE));
        assertThat(fake.requestCount()).isEqualTo(1);
    }

    @Test
    void anErrorInsideTheStreamBeforeAnyTextIsRetried() {
        fake.enqueue(FakeOpenAi.answer("unused").failsAfter(0, FakeOpenAi.rateLimited()), FakeOpenAi.answer("ok"));

        ModelResult result = fixture.model().stream(question("Hi"), text -> { });

        assertThat(result).isInstanceOf(ModelResult.Completed.class);
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    private static ModelError error(ModelResult result) {
        assertThat(result).isInstanceOf(ModelResult.Failed.class);
        return ((ModelResult.Failed) result).error();
    }
}
