package dev.askgate.testkit.discord;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A message the bot created on the fake Discord (in a channel, or as an interaction response or follow-up),
 * with every version of its text: the create first, then each edit, in order, with the JSON body of each
 * request and the time it arrived.
 */
public final class SentMessage {
    private final String id;
    private final String channelId;
    private final String replyToId;
    private final String interactionToken;
    private final List<String> versions = new ArrayList<>();
    private final List<JsonNode> bodies = new ArrayList<>();
    private final List<Instant> times = new ArrayList<>();
    private boolean deleted;

    SentMessage(String id, String channelId, String replyToId, String interactionToken) {
        this.id = id;
        this.channelId = channelId;
        this.replyToId = replyToId == null ? "" : replyToId;
        this.interactionToken = interactionToken == null ? "" : interactionToken;
    }

    public String id() { return id; }

    public String channelId() { return channelId; }

    /** The message this one replies to (its {@code message_reference}), empty when none. */
    public String replyToId() { return replyToId; }

    /** The interaction whose response or follow-up this is, empty for a channel message. */
    public String interactionToken() { return interactionToken; }

    /** The latest text. */
    public synchronized String text() {
        return versions.isEmpty() ? "" : versions.getLast();
    }

    /** Every text the message had, oldest first (the create, then each edit that set content). */
    public synchronized List<String> versions() { return List.copyOf(versions); }

    /** The JSON bodies of the create and of every edit, in order. */
    public synchronized List<JsonNode> bodies() { return List.copyOf(bodies); }

    /** When the create and each edit arrived, in order. */
    public synchronized List<Instant> times() { return List.copyOf(times); }

    /** How many edits changed it after the create. */
    public synchronized int edits() { return Math.max(0, bodies.size() - 1); }

    public synchronized boolean deleted() { return deleted; }

    synchronized void record(JsonNode body, Instant at) {
        bodies.add(body);
        times.add(at);
        JsonNode content = body.get("content");
        if (content != null && !content.isNull()) {
            versions.add(content.asText());
        } else if (versions.isEmpty()) {
            versions.add("");
        }
    }

    synchronized void markDeleted() { deleted = true; }

    @Override
    public synchronized String toString() {
        return "SentMessage[" + id + " in " + channelId + ", " + versions.size() + " versions, " + text().length()
                + " chars" + (deleted ? ", deleted" : "") + "]";
    }
}
