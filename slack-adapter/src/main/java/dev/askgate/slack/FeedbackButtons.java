package dev.askgate.slack;

import dev.askgate.core.RequestId;

import java.util.Objects;
import java.util.Optional;

/**
 * The 👍 / 👎 buttons under a streamed answer (Slack's {@code feedback_buttons} in a {@code context_actions}
 * block), and the reading of a click on them: the one contract between the answer that shows them and the
 * handler that records a click. Each button's value names the vote and the answer's request id, which ties the
 * click to the answer's ledger row; it never holds text of the question or the answer.
 */
final class FeedbackButtons {
    /** The {@code action_id} of the buttons, which Bolt routes to the feedback handler. */
    static final String ACTION_ID = "askgate_feedback";
    static final String BLOCK_ID = "askgate-feedback";

    /** How a person judged an answer. */
    enum Vote {
        UP("up"), DOWN("down");

        private final String word;

        Vote(String word) {
            this.word = word;
        }

        /** The vote's name in values, logs and metrics. */
        String word() {
            return word;
        }
    }

    /** One click: which way, on the answer of {@code requestId}. */
    record Click(Vote vote, String requestId) {
        Click {
            Objects.requireNonNull(vote, "vote");
            Objects.requireNonNull(requestId, "requestId");
        }
    }

    private FeedbackButtons() {
    }

    /** The final blocks of an answer to {@code requestId}: the feedback buttons alone, as JSON. */
    static String blocksJson(String requestId) {
        // A request id is plain and short (RequestId), so it needs no JSON escaping.
        RequestId.parse(requestId).orElseThrow(() -> new IllegalArgumentException("not a request id"));
        return "[{\"type\":\"context_actions\",\"block_id\":\"" + BLOCK_ID + "\",\"elements\":[{"
                + "\"type\":\"feedback_buttons\",\"action_id\":\"" + ACTION_ID + "\","
                + "\"positive_button\":" + button("Good answer", Vote.UP, requestId) + ","
                + "\"negative_button\":" + button("Bad answer", Vote.DOWN, requestId) + "}]}]";
    }

    /** The click a button's {@code value} stands for; empty when it is not one of ours (a forged or old value). */
    static Optional<Click> read(String value) {
        if (value == null) return Optional.empty();
        int colon = value.indexOf(':');
        if (colon < 0) return Optional.empty();
        String vote = value.substring(0, colon);
        String requestId = value.substring(colon + 1);
        if (RequestId.parse(requestId).isEmpty()) return Optional.empty();
        for (Vote v : Vote.values()) {
            if (v.word().equals(vote)) return Optional.of(new Click(v, requestId));
        }
        return Optional.empty();
    }

    private static String button(String label, Vote vote, String requestId) {
        return "{\"text\":{\"type\":\"plain_text\",\"text\":\"" + (vote == Vote.UP ? "👍" : "👎") + "\"},"
                + "\"accessibility_label\":\"" + label + "\",\"value\":\"" + vote.word() + ":" + requestId + "\"}";
    }
}
