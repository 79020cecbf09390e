package dev.askgate.core.model;

import dev.askgate.core.Usage;

import java.util.Objects;

/** How a model call ended. */
public sealed interface ModelResult {

    /**
     * The model answered. {@code finishReason} is the API's ({@code stop}, {@code length}, ...);
     * {@code upstreamRequestId} is the {@code x-request-id} header, empty when there was none.
     */
    record Completed(String text, String finishReason, Usage usage, String model, String upstreamRequestId)
            implements ModelResult {
        public Completed {
            Objects.requireNonNull(text, "text");
            finishReason = finishReason == null ? "" : finishReason;
            usage = usage == null ? Usage.NONE : usage;
            model = model == null ? "" : model;
            upstreamRequestId = upstreamRequestId == null ? "" : upstreamRequestId;
        }

        @Override
        public String toString() {
            return "Completed[" + text.length() + " chars, finish=" + finishReason + ", " + usage + ", model=" + model
                    + ", upstreamRequestId=" + upstreamRequestId + "]";
        }
    }

    /** The call failed; {@code partialText} is what had streamed before the failure (often empty). */
    record Failed(ModelError error, String partialText, Usage usage) implements ModelResult {
        public Failed {
            Objects.requireNonNull(error, "error");
            partialText = partialText == null ? "" : partialText;
            usage = usage == null ? Usage.NONE : usage;
        }

        public Failed(ModelError error) {
            this(error, "", Usage.NONE);
        }

        @Override
        public String toString() {
            return "Failed[" + error + ", partial " + partialText.length() + " chars]";
        }
    }
}
