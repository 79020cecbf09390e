package dev.askgate.slack;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Checks that an HTTP request comes from Slack: the {@code X-Slack-Signature} must be {@code v0=} and the hex of
 * the HMAC-SHA256 of {@code v0:timestamp:body} under the signing secret (compared in constant time), and the
 * timestamp within five minutes of now in either direction (Bolt rejects only old ones; a future timestamp would
 * let a captured request be replayed later). This is the only check: Bolt's own is turned off ({@link SlackBolt}).
 */
final class SlackRequestCheck {
    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final String ALGORITHM = "HmacSHA256";
    private static final String VERSION = "v0";

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

    // Keyed once: looking up the provider and deriving the pads for every request was, with a second check in
    // Bolt, nearly half of an acknowledgement's CPU (the benchmark's slack-ack profile). Each request clones it.
    private final Mac keyed;
    private final Clock clock;

    SlackRequestCheck(String signingSecret, Clock clock) {
        try {
            this.keyed = Mac.getInstance(ALGORITHM);
            keyed.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
        this.clock = clock;
    }

    /** {@code body}: the request's exact bytes, which the signature covers. */
    Verdict verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) return Verdict.UNSIGNED;
        String ts = timestamp.trim();
        long seconds;
        try {
            seconds = Long.parseLong(ts);
        } catch (NumberFormatException e) {
            return Verdict.BAD_TIMESTAMP;
        }
        long skew = clock.instant().getEpochSecond() - seconds;
        if (skew > MAX_SKEW.toSeconds()) return Verdict.STALE;
        if (-skew > MAX_SKEW.toSeconds()) return Verdict.FUTURE;
        byte[] given = digestOf(signature.trim());
        if (given == null) return Verdict.BAD_SIGNATURE;
        Mac mac = fresh();
        mac.update((VERSION + ":" + ts + ":").getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(mac.doFinal(body), given) ? Verdict.VALID : Verdict.BAD_SIGNATURE;
    }

    /** The digest a {@code v0=<hex>} signature claims, or null when it is not of that form. */
    private static byte[] digestOf(String signature) {
        String prefix = VERSION + "=";
        if (!signature.startsWith(prefix)) return null;
        try {
            return HexFormat.of().parseHex(signature, prefix.length(), signature.length());
        } catch (IllegalArgumentException notHex) {
            return null;
        }
    }

    private Mac fresh() {
        try {
            // Cloning copies the keyed state; the lock keeps the shared one from being read while another clones.
            synchronized (keyed) {
                return (Mac) keyed.clone();
            }
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's " + ALGORITHM + " cannot be cloned", e);
        }
    }

    @Override
    public String toString() {
        return "SlackRequestCheck[redacted]";
    }
}
