package dev.askgate.slack;

import dev.askgate.testkit.slack.SlackSigner;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class SlackRequestCheckTest {
    private static final String SECRET = "FAKEsigningsecret0000notreal";
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final byte[] X = {'x'};
    private final SlackRequestCheck check = new SlackRequestCheck(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));
    private final SlackSigner signer = new SlackSigner(SECRET);

    private SlackRequestCheck.Verdict verify(long timestamp, String signature, String body) {
        return check.verify(Long.toString(timestamp), signature, body.getBytes(StandardCharsets.UTF_8));
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
        assertThat(check.verify(null, "v0=abc", X)).isEqualTo(SlackRequestCheck.Verdict.UNSIGNED);
        assertThat(check.verify("123", null, X)).isEqualTo(SlackRequestCheck.Verdict.UNSIGNED);
        assertThat(check.verify("soon", "v0=abc", X)).isEqualTo(SlackRequestCheck.Verdict.BAD_TIMESTAMP);
    }

    @Test
    void aSignatureOfAnotherBodyOrSecretIsRejected() {
        long ts = NOW.getEpochSecond();
        assertThat(verify(ts, signer.signature(ts, "a=b"), "a=c")).isEqualTo(SlackRequestCheck.Verdict.BAD_SIGNATURE);
        String other = new SlackSigner("FAKEothersecret").signature(ts, "a=b");
        assertThat(verify(ts, other, "a=b")).isEqualTo(SlackRequestCheck.Verdict.BAD_SIGNATURE);
    }

    @Test
    void aSignatureThatIsNotVersionZeroHexIsRejected() {
        long ts = NOW.getEpochSecond();
        String good = signer.signature(ts, "a=b");
        assertThat(good).startsWith("v0=");
        String hex = good.substring(3);
        assertThat(verify(ts, "v1=" + hex, "a=b")).isEqualTo(SlackRequestCheck.Verdict.BAD_SIGNATURE);
        assertThat(verify(ts, hex, "a=b")).isEqualTo(SlackRequestCheck.Verdict.BAD_SIGNATURE);
        assertThat(verify(ts, "v0=" + hex.substring(2), "a=b")).isEqualTo(SlackRequestCheck.Verdict.BAD_SIGNATURE);
        assertThat(verify(ts, "v0=zz" + hex.substring(2), "a=b")).isEqualTo(SlackRequestCheck.Verdict.BAD_SIGNATURE);
        assertThat(verify(ts, "v0=", "a=b")).isEqualTo(SlackRequestCheck.Verdict.BAD_SIGNATURE);
    }

    @Test
    void theSignatureCoversTheExactBytesNotTheirDecoding() {
        long ts = NOW.getEpochSecond();
        byte[] latin1 = "text=caf\u00e9".getBytes(StandardCharsets.ISO_8859_1); // not valid UTF-8
        String signedUtf8 = signer.signature(ts, new String(latin1, StandardCharsets.UTF_8));
        assertThat(check.verify(Long.toString(ts), signedUtf8, latin1)).isEqualTo(SlackRequestCheck.Verdict.BAD_SIGNATURE);
    }

    @Test
    void manyRequestsCheckedAtOnceEachGetTheirOwnVerdict() throws Exception {
        long ts = NOW.getEpochSecond();
        List<Future<SlackRequestCheck.Verdict>> verdicts = new ArrayList<>();
        try (var threads = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 400; i++) {
                String body = "n=" + i;
                String signature = i % 2 == 0 ? signer.signature(ts, body) : signer.signature(ts, body + "x");
                verdicts.add(threads.submit(() -> verify(ts, signature, body)));
            }
        }
        for (int i = 0; i < verdicts.size(); i++) {
            assertThat(verdicts.get(i).get()).as("request %d", i).isEqualTo(i % 2 == 0
                    ? SlackRequestCheck.Verdict.VALID : SlackRequestCheck.Verdict.BAD_SIGNATURE);
        }
    }

    @Test
    void itNeverPrintsTheSecret() {
        assertThat(check.toString()).doesNotContain(SECRET);
    }
}
