package dev.askgate.core.model;

import java.util.Objects;

/**
 * A failure inside Askgate, not the model's: {@code where} it happened and the exception that ended the answer.
 * The exception stays for the platform that can say more about its own failures (Slack's error codes); its
 * message is never shown or logged here, as it may carry a platform's text.
 */
public record BotFault(Where where, RuntimeException exception) implements FailureCause {

    /** The part of Askgate that failed. */
    public enum Where {
        /** The reply sink (showing the answer on the platform) threw while the answer streamed. */
        SINK,
        /** The model client threw instead of reporting a result: a bug in the client. */
        CLIENT,
        /** The platform's adapter failed around the answer (before it could start, or outside the core). */
        ADAPTER
    }

    public BotFault {
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(exception, "exception");
    }

    @Override
    public String toString() {
        return "BotFault[" + where + ", " + exception.getClass().getName() + "]";
    }
}
