package dev.askgate.core.openai;

import dev.askgate.core.model.ModelError;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final ModelError OVERLOADED = new ModelError.Upstream(503, "req_1");

    @Test
    void backoffDoublesFromHalfASecondUpToEightSecondsWithAtMostAQuarterOfJitter() {
        RetryPolicy noJitter = new RetryPolicy(20, CLOCK, () -> 0.0);
        RetryPolicy fullJitter = new RetryPolicy(20, CLOCK, () -> 0.999999);

        assertThat(noJitter.backoff(0)).isEqualTo(Duration.ofMillis(500));
        assertThat(noJitter.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(noJitter.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(noJitter.backoff(4)).isEqualTo(Duration.ofSeconds(8));
        assertThat(noJitter.backoff(15)).isEqualTo(Duration.ofSeconds(8));
        assertThat(noJitter.backoff(60)).isEqualTo(Duration.ofSeconds(8));
        assertThat(fullJitter.backoff(0)).isEqualTo(Duration.ofMillis(375));
        assertThat(fullJitter.backoff(9)).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void stopsAfterMaxRetries() {
        RetryPolicy policy = new RetryPolicy(2, CLOCK, () -> 0.0);

        assertThat(policy.next(0, OVERLOADED, Headers.of(), false)).isPresent();
        assertThat(policy.next(1, OVERLOADED, Headers.of(), false)).isPresent();
        assertThat(policy.next(2, OVERLOADED, Headers.of(), false)).isEmpty();
    }

    @Test
    void neverRetriesOnceTextReachedTheCallerNorForQuotaEvenIfTheServerSaysSo() {
        RetryPolicy policy = new RetryPolicy(2, CLOCK, () -> 0.0);
        Headers retry = Headers.of("x-should-retry", "true");

        assertThat(policy.next(0, new ModelError.StreamBroken(10, ""), retry, true)).isEmpty();
        assertThat(policy.next(0, new ModelError.QuotaExceeded(""), retry, false)).isEmpty();
    }

    @Test
    void retryAfterMsWinsOverRetryAfterAndMayBeFractional() {
        Headers headers = Headers.of("retry-after-ms", "1250.5", "retry-after", "9");

        assertThat(RetryPolicy.serverDelay(headers, CLOCK)).contains(Duration.ofNanos(1_250_500_000));
    }

    @Test
    void retryAfterAsSecondsOrDateAndGarbageFallsBackToBackoff() {
        String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(3).atOffset(ZoneOffset.UTC));
        String past = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.minusSeconds(30).atOffset(ZoneOffset.UTC));
        RetryPolicy policy = new RetryPolicy(2, CLOCK, () -> 0.0);

        assertThat(RetryPolicy.serverDelay(Headers.of("retry-after", "2"), CLOCK)).contains(Duration.ofSeconds(2));
        assertThat(RetryPolicy.serverDelay(Headers.of("retry-after", inThreeSeconds), CLOCK)).contains(Duration.ofSeconds(3));
        assertThat(RetryPolicy.serverDelay(Headers.of("retry-after", past), CLOCK)).contains(Duration.ZERO);
        assertThat(policy.next(0, OVERLOADED, Headers.of("retry-after", "soon", "retry-after-ms", "x"), false))
                .contains(Duration.ofMillis(500));
    }

    @Test
    void aServerDelayOverAMinuteMeansNoRetry() {
        RetryPolicy policy = new RetryPolicy(2, CLOCK, () -> 0.0);

        assertThat(policy.next(0, OVERLOADED, Headers.of("retry-after", "61"), false)).isEmpty();
        assertThat(policy.next(0, OVERLOADED, Headers.of("retry-after", "60"), false)).contains(Duration.ofSeconds(60));
    }

    @Test
    void theServersWordOnRetryingWinsOverTheCategory() {
        RetryPolicy policy = new RetryPolicy(2, CLOCK, () -> 0.0);
        ModelError badRequest = new ModelError.Rejected(400, "invalid_request_error", "", "", "");

        assertThat(policy.next(0, OVERLOADED, Headers.of("x-should-retry", "false"), false)).isEmpty();
        assertThat(policy.next(0, badRequest, Headers.of(), false)).isEmpty();
        assertThat(policy.next(0, badRequest, Headers.of("x-should-retry", "true"), false)).isPresent();
    }
}
