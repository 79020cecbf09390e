package dev.askgate.core.dedupe;

/**
 * Remembers platform event ids so that an event the platform delivers again (Slack's retries, a gateway
 * replay) is handled once. Implementations are thread-safe.
 */
public interface EventDedupe {

    /** True the first time {@code eventId} is seen (and records it); false for a repeat. */
    boolean firstSeen(String eventId);
}
