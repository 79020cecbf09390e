package dev.askgate.core;

import dev.askgate.core.model.FailureCause;

import java.util.Objects;

/** How a question ended. Every caller switches over all cases; {@code render.OutcomeWording} words them. */
public sealed interface ChatOutcome {

    /** The model answered; {@code finishReason} {@code length} means the answer was cut at the output limit. */
    record Answered(String text, Usage usage, String model, String finishReason) implements ChatOutcome {
        public Answered {
            Objects.requireNonNull(text, "text");
            usage = usage == null ? Usage.NONE : usage;
            model = model == null ? "" : model;
            finishReason = finishReason == null ? "" : finishReason;
        }

        public boolean truncated() {
            return "length".equals(finishReason);
        }

        @Override
        public String toString() {
            return "Answered[" + text.length() + " chars, " + usage + ", model=" + model + ", finish=" + finishReason + "]";
        }
    }

    /** Askgate declined before (or instead of) showing an answer. */
    record Refused(Refusal refusal) implements ChatOutcome {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }

    /**
     * The answer failed, for the model's reason ({@code ModelError}) or the bot's own ({@code BotFault});
     * {@code partialText} is what had already been shown (often empty), {@code usage} what the call consumed
     * ({@link Usage#NONE} when it never reached the model).
     */
    record Failed(FailureCause cause, String partialText, Usage usage) implements ChatOutcome {
        public Failed {
            Objects.requireNonNull(cause, "cause");
            partialText = partialText == null ? "" : partialText;
            usage = usage == null ? Usage.NONE : usage;
        }

        public Failed(FailureCause cause, String partialText) {
            this(cause, partialText, Usage.NONE);
        }

        @Override
        public String toString() {
            return "Failed[" + cause + ", partial " + partialText.length() + " chars]";
        }
    }
}
