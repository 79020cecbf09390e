package dev.askgate.testkit.slack;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Map;

/** Signs a request body the way Slack does: {@code v0=} + hex HMAC-SHA256 of {@code v0:timestamp:body}. */
public final class SlackSigner {
    private final byte[] secret;

    public SlackSigner(String signingSecret) {
        this.secret = signingSecret.getBytes(StandardCharsets.UTF_8);
    }

    public String signature(long epochSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal(("v0:" + epochSeconds + ":" + body).getBytes(StandardCharsets.UTF_8));
            return "v0=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** The two headers Slack sends with a signed request. */
    public Map<String, String> headers(long epochSeconds, String body) {
        return Map.of("X-Slack-Request-Timestamp", Long.toString(epochSeconds),
                "X-Slack-Signature", signature(epochSeconds, body));
    }

    @Override
    public String toString() {
        return "SlackSigner[redacted]";
    }
}
