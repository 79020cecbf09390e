package dev.askgate.core.model;

import dev.askgate.core.Usage;

import java.util.Objects;

/**
 * How a model call ended. {@code lostAttempts} counts the earlier tries of the same call, retried, whose stream began
 * and ended before any text or usage (see {@link Failed#beganThenLost}): the endpoint processed, and billed, their
 * prompts although nothing reported it.
 */
public sealed interface ModelResult {

    int lostAttempts();

    /** This result after {@code count} earlier lost attempts. */
    ModelResult afterLostAttempts(int count);

    /**
     * The model answered. {@code finishReason} is the API's ({@code stop}, {@code length}, ...);
     * {@code upstreamRequestId} is the {@code x-request-id} header, empty when there was none.
     */
    record Completed(String text, String finishReason, Usage usage, String model, String upstreamRequestId,
                     int lostAttempts) implements ModelResult {
        public Completed {
            Objects.requireNonNull(text, "text");
            finishReason = finishReason == null ? "" : finishReason;
            usage = usage == null ? Usage.NONE : usage;
            model = model == null ? "" : model;
            upstreamRequestId = upstreamRequestId == null ? "" : upstreamRequestId;
            if (lostAttempts < 0) throw new IllegalArgumentException("lostAttempts < 0");
        }

        public Completed(String text, String finishReason, Usage usage, String model, String upstreamRequestId) {
            this(text, finishReason, usage, model, upstreamRequestId, 0);
        }

        @Override
        public Completed afterLostAttempts(int count) {
            return new Completed(text, finishReason, usage, model, upstreamRequestId, count);
        }

        @Override
        public String toString() {
            return "Completed[" + text.length() + " chars, finish=" + finishReason + ", " + usage + ", model=" + model
                    + ", upstreamRequestId=" + upstreamRequestId + "]";
        }
    }

    /** The call failed; {@code partialText} is what had streamed before the failure (often empty). */
    record Failed(ModelError error, String partialText, Usage usage, int lostAttempts) implements ModelResult {
        public Failed {
            Objects.requireNonNull(error, "error");
            partialText = partialText == null ? "" : partialText;
            usage = usage == null ? Usage.NONE : usage;
            if (lostAttempts < 0) throw new IllegalArgumentException("lostAttempts < 0");
        }

        public Failed(ModelError error, String partialText, Usage usage) {
            this(error, partialText, usage, 0);
        }

        public Failed(ModelError error) {
            this(error, "", Usage.NONE);
        }

        @Override
        public Failed afterLostAttempts(int count) {
            return new Failed(error, partialText, usage, count);
        }

        /**
         * Whether the stream had begun (it broke, or went silent after the response's headers, which carry its
         * {@code x-request-id}) and ended before any text or usage, as a reasoning model thinking past the timeout
         * does: the prompt was sent, processed and billed.
         */
        public boolean beganThenLost() {
            boolean began = error instanceof ModelError.StreamBroken
                    || error instanceof ModelError.Timeout timeout && !timeout.upstreamRequestId().isEmpty();
            return began && partialText.isEmpty() && usage.isEmpty();
        }

        @Override
        public String toString() {
            return "Failed[" + error + ", partial " + partialText.length() + " chars]";
        }
    }
}
