package dev.askgate.core.usage;

import dev.askgate.core.Refusal;

import java.util.Objects;

/** The answer of {@link Spending#reserve}: go ahead (and report the call to its charge), or a refusal to tell. */
public sealed interface SpendCheck {

    record Go(CallCharge charge) implements SpendCheck {
        public Go {
            Objects.requireNonNull(charge, "charge");
        }
    }

    /** The question must not reach the model: a budget would be passed, or spending cannot be checked. */
    record Refused(Refusal refusal) implements SpendCheck {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
