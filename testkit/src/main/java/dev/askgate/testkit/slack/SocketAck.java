package dev.askgate.testkit.slack;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;

/** The app's acknowledgement of one Socket Mode envelope: what it sent and how long after delivery. */
public record SocketAck(String envelopeId, JsonNode message, Duration after) {

    /** The {@code payload} of the ack (a command's immediate answer), or a missing node. */
    public JsonNode payload() {
        return message.path("payload");
    }
}
