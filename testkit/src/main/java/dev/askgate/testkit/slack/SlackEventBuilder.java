package dev.askgate.testkit.slack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Builds Events API callbacks the way Slack sends them, each with a fresh {@code event_id}. */
final class SlackEventBuilder {
    private final ObjectMapper json;
    private final AtomicInteger ids;

    SlackEventBuilder(ObjectMapper json, AtomicInteger ids) {
        this.json = json;
        this.ids = ids;
    }

    SlackEvent appMention(String ts, String channel, String user, String text, String threadTs) {
        ObjectNode event = message("app_mention", ts, channel, user, text, threadTs);
        return callback(event);
    }

    SlackEvent directMessage(String ts, String channel, String user, String text, String threadTs) {
        ObjectNode event = message("message", ts, channel, user, text, threadTs);
        event.put("channel_type", "im");
        return callback(event);
    }

    SlackEvent ownMessage(String ts, String channel, String text) {
        ObjectNode event = message("message", ts, channel, FakeSlack.BOT_USER_ID, text, "");
        event.put("bot_id", FakeSlack.BOT_ID);
        event.put("channel_type", "im");
        return callback(event);
    }

    private ObjectNode message(String type, String ts, String channel, String user, String text, String threadTs) {
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        event.put("user", user);
        event.put("text", text);
        event.put("ts", ts);
        event.put("channel", channel);
        event.put("event_ts", ts);
        if (threadTs != null && !threadTs.isEmpty()) event.put("thread_ts", threadTs);
        return event;
    }

    private SlackEvent callback(ObjectNode event) {
        String eventId = "Ev0FAKE" + ids.incrementAndGet();
        ObjectNode payload = json.createObjectNode();
        payload.put("token", "FAKEverificationtoken");
        payload.put("team_id", FakeSlack.TEAM_ID);
        payload.put("api_app_id", FakeSlack.APP_ID);
        payload.set("event", event);
        payload.put("type", "event_callback");
        payload.put("event_id", eventId);
        payload.put("event_time", Instant.now().getEpochSecond());
        ObjectNode auth = payload.putArray("authorizations").addObject();
        auth.put("team_id", FakeSlack.TEAM_ID);
        auth.put("user_id", FakeSlack.BOT_USER_ID);
        auth.put("is_bot", true);
        auth.put("is_enterprise_install", false);
        payload.put("is_ext_shared_channel", false);
        return new SlackEvent(eventId, payload);
    }
}
