package dev.askgate.slack;

import dev.askgate.testkit.slack.SlackSigner;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SlackRequestCheckTest {
    private static final String SECRET = "FAKEsigningsecret0000notreal";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private final SlackRequestCheck check = new SlackRequestCheck(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    private final SlackSigner signer = new SlackSigner(SECRET);

    private SlackRequestCheck.Verdict verify(long timestamp, String signature, String body) {
        return check.verify(Long.toString(timestamp), signature, body);
    }

    @Test
    void aFreshCorrectSignatureIsValid() {
        long ts = NOW.getEpochSecond() - 10;
        assertThat(verify(ts, signer.signature(ts, "a=b"), "a=b")).isEqualTo(SlackRequestCheck.Verdict.VALID);
    }

    @Test
    void timestampsUpToFiveMinutesOffEitherWayAreAccepted() {
        long past = NOW.getEpochSecond() - 300;
        long future = NOW.getEpochSecond() + 300;
        assertThat(verify(past, signer.signature(past, "x"), "x")).isEqualTo(SlackRequestCheck.Verdict.VALID);
        assertThat(verify(future, signer.signature(future, "x"), "x")).isEqualTo(SlackRequestCheck.Verdict.VALID);
    }

    @Test
    void oldAndFutureTimestampsAreRejectedEvenWithAGoodSignature() {
        long old = NOW.getEpochSecond() - 301;
        long future = NOW.getEpochSecond() + 301;
        assertThat(verify(old, signer.signature(old, "x"), "x")).isEqualTo(SlackRequestCheck.Verdict.STALE);
        assertThat(verify(future, signer.signature(future, "x"), "x")).isEqualTo(SlackRequestCheck.Verdict.FUTURE);
    }

    @Test
    void missingOrMalformedHeadersAreRejected() {
        assertThat(check.verify(null, "v0=abc", "x")).isEqualTo(SlackRequestCheck.Verdict.UNSIGNED);
        assertThat(check.verify("123", null, "x")).isEqualTo(SlackRequestCheck.Verdict.UNSIGNED);
        assertThat(check.verify("soon", "v0=abc", "x")).isEqualTo(SlackRequestCheck.Verdict.BAD_TIMESTAMP);
    }

    @Test
    void aSignatureOfAnotherBodyOrSecretIsRejected() {
        long ts = NOW.getEpochSecond();
        assertThat(verify(ts, signer.signature(ts, "a=b"), "a=c")).isEqualTo(SlackRequestCheck.Verdict.BAD_SIGNATURE);
        String other = new SlackSigner("FAKEothersecret").signature(ts, "a=b");
        assertThat(verify(ts, other, "a=b")).isEqualTo(SlackRequestCheck.Verdict.BAD_SIGNATURE);
    }

    @Test
    void itNeverPrintsTheSecret() {
        assertThat(check.toString()).doesNotContain(SECRET);
    }
}
