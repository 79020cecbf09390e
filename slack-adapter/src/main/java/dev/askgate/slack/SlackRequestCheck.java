package dev.askgate.slack;

import com.slack.api.app_backend.SlackSignature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;

/**
 * Checks that an HTTP request comes from Slack: the {@code X-Slack-Signature} must be the HMAC-SHA256 of
 * {@code v0:timestamp:body} with the signing secret (computed with Bolt's {@link SlackSignature.Generator},
 * compared in constant time), and the timestamp within five minutes of now in either direction (Bolt rejects
 * only old ones; a future timestamp would let a captured request be replayed later).
 */
final class SlackRequestCheck {
    static final Duration MAX_SKEW = Duration.ofMinutes(5);

    /** The result, with a reason fit for a log line. */
    enum Verdict {
        VALID("valid"), UNSIGNED("no signature or timestamp"), BAD_TIMESTAMP("timestamp is not a number"),
        STALE("timestamp more than 5 minutes old"), FUTURE("timestamp more than 5 minutes ahead"),
        BAD_SIGNATURE("signature does not match");

        private final String reason;

        Verdict(String reason) {
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    private final SlackSignature.Generator generator;
    private final Clock clock;

    SlackRequestCheck(String signingSecret, Clock clock) {
        this.generator = new SlackSignature.Generator(signingSecret);
        this.clock = clock;
    }

    Verdict verify(String timestamp, String signature, String body) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) return Verdict.UNSIGNED;
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.BAD_TIMESTAMP;
        }
        long skew = clock.instant().getEpochSecond() - seconds;
        if (skew > MAX_SKEW.toSeconds()) return Verdict.STALE;
        if (-skew > MAX_SKEW.toSeconds()) return Verdict.FUTURE;
        String expected = generator.generate(timestamp.trim(), body);
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                signature.trim().getBytes(StandardCharsets.UTF_8))) {
            return Verdict.BAD_SIGNATURE;
        }
        return Verdict.VALID;
    }

    @Override
    public String toString() {
        return "SlackRequestCheck[redacted]";
    }
}
