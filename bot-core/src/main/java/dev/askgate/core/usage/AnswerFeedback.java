package dev.askgate.core.usage;

import dev.askgate.core.Platform;
import dev.askgate.core.RequestId;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One person's 👍 or 👎 on one answer: when, where, on which message, by whom, on the answer to which question
 * (Askgate's request id, which joins the answer's ledger row and so its model), and which way. No question or
 * answer text, by construction. A person has one vote per answer: a later one replaces theirs.
 *
 * @param workspace Slack team or Discord guild; empty for a direct message
 * @param messageId the platform's id of the answer message (Slack's {@code ts}); empty when not known
 * @param requestId Askgate's {@link RequestId} of the question the answer is for
 */
public record AnswerFeedback(Instant at, Platform platform, String workspace, String channel, String messageId,
                             String user, String requestId, Vote vote) {
    /** Which way a person judged an answer. */
    public enum Vote {
        UP, DOWN;

        /** The vote's name in the store, logs and metrics: {@code up} or {@code down}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public AnswerFeedback {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(platform, "platform");
        workspace = StoredField.check("workspace", workspace, true);
        channel = StoredField.check("channel", channel, true);
        messageId = StoredField.check("messageId", messageId, true);
        user = StoredField.check("user", user, false);
        Objects.requireNonNull(requestId, "requestId");
        if (RequestId.parse(requestId).isEmpty()) throw new IllegalArgumentException("requestId is not a request id");
        Objects.requireNonNull(vote, "vote");
    }

    /** The platform's name in the store, logs and metrics: {@code slack}, {@code discord}. */
    public String platformName() {
        return platform.name().toLowerCase(Locale.ROOT);
    }
}
