package dev.askgate.core.usage;

import dev.askgate.core.Usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One model call in the ledger: when, where from, which model, the tokens (exact, or estimated as
 * {@link Usage#estimated()} says), what it cost, how it ended, how long it took, OpenAI's request id, and which
 * key paid (its configured name and its redacted form). No question or answer text, by construction.
 *
 * @param workspace Slack team or Discord guild; empty for a direct message
 * @param outcome   a short word such as {@code answered}, {@code failed}, {@code cut}
 * @param requestId OpenAI's {@code x-request-id}; empty when the call got no answer
 * @param askgateRequestId Askgate's own {@link dev.askgate.core.RequestId} of the question (what an answer's
 *                         feedback names, so that a vote joins this row); empty when not known
 */
public record LedgerRow(Instant at, String platform, String workspace, String channel, String user, String model,
                        Usage usage, BigDecimal costUsd, String outcome, Duration latency, String requestId,
                        String keyName, RedactedKey key, String askgateRequestId) {
    public LedgerRow {
        Objects.requireNonNull(at, "at");
        platform = StoredField.check("platform", platform, false);
        workspace = StoredField.check("workspace", workspace, true);
        channel = StoredField.check("channel", channel, true);
        user = StoredField.check("user", user, false);
        model = StoredField.check("model", model, false);
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(costUsd, "costUsd");
        if (costUsd.signum() < 0) throw new IllegalArgumentException("costUsd is negative");
        outcome = StoredField.check("outcome", outcome, false);
        Objects.requireNonNull(latency, "latency");
        if (latency.isNegative()) throw new IllegalArgumentException("latency is negative");
        requestId = StoredField.check("requestId", requestId, true);
        keyName = StoredField.check("keyName", keyName, true);
        Objects.requireNonNull(key, "key");
        askgateRequestId = StoredField.check("askgateRequestId", askgateRequestId, true);
    }

    /** A row without Askgate's request id (written by tools and tests that have no question). */
    public LedgerRow(Instant at, String platform, String workspace, String channel, String user, String model,
                     Usage usage, BigDecimal costUsd, String outcome, Duration latency, String requestId,
                     String keyName, RedactedKey key) {
        this(at, platform, workspace, channel, user, model, usage, costUsd, outcome, latency, requestId, keyName, key, "");
    }
}
