package dev.askgate.testkit.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An Events API callback ({@code type: event_callback}) with its {@code event_id}, ready to deliver. */
public record SlackEvent(String eventId, ObjectNode payload) {

    public String json() {
        return payload.toString();
    }
}
