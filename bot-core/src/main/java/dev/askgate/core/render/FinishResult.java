package dev.askgate.core.render;

import java.util.Objects;

/** How a reply's final messages stood when {@link StreamingReply#finish} stopped waiting for them. */
public sealed interface FinishResult {

    /** The messages hold the final text. */
    record Shown() implements FinishResult { }

    /** The platform refused the final messages (after its retries, and after shorter parts where it said too long). */
    record NotShown(RuntimeException failure) implements FinishResult {
        public NotShown {
            Objects.requireNonNull(failure, "failure");
        }
    }

    /** The deadline passed first: the final messages still wait for the platform's budget; they follow when it has room. */
    record StillWaiting() implements FinishResult { }
}
