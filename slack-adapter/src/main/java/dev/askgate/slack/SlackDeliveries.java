package dev.askgate.slack;

import dev.askgate.core.dedupe.EventDedupe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/** Recognises Slack's retried deliveries (the same event id, the same trigger id), so that each is answered once. */
final class SlackDeliveries {
    private static final Logger log = LoggerFactory.getLogger(SlackDeliveries.class);

    private final EventDedupe dedupe;

    SlackDeliveries(EventDedupe dedupe) {
        this.dedupe = Objects.requireNonNull(dedupe, "dedupe");
    }

    /**
     * Whether the delivery {@code id} of this {@code kind} (event, command) is new. A delivery without an id
     * cannot be a recognisable retry: it is always new, so that one missing id never hides every later one.
     */
    boolean firstTime(String kind, String id) {
        if (id == null || id.isBlank()) return true;
        return dedupe.firstSeen("slack:" + kind + ":" + id);
    }

    /** Whether the Events API event {@code eventId} is new; a retry of one already taken is logged and dropped. */
    boolean firstEvent(String eventId, Integer retryNum) {
        if (firstTime("event", eventId)) return true;
        log.info("platform=slack event={} retry {} ignored: already being answered", eventId, retryNum);
        return false;
    }
}
