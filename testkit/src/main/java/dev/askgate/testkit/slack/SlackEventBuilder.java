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

    /**
     * An {@code assistant_thread_started} or {@code assistant_thread_context_changed} event: {@code user} opened (or
     * looks at another channel in) the assistant thread {@code threadTs} of the IM {@code channel}, while viewing
     * {@code contextChannel} (empty: none).
     */
    SlackEvent assistantThread(String type, String channel, String user, String threadTs, String contextChannel) {
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        ObjectNode thread = event.putObject("assistant_thread");
        thread.put("user_id", user);
        ObjectNode context = thread.putObject("context");
        if (!contextChannel.isEmpty()) context.put("channel_id", contextChannel);
        context.put("team_id", FakeSlack.TEAM_ID);
        context.putNull("enterprise_id");
        thread.put("channel_id", channel);
        thread.put("thread_ts", threadTs);
        event.put("event_ts", threadTs);
        return callback(event);
    }

    /** A {@code block_actions} payload: {@code user} clicked {@code value} of the {@code feedback_buttons} under a message. */
    SlackInteraction feedbackClick(String channel, String messageTs, String threadTs, String user, String value,
                                   String actionId, String responseUrl) {
        ObjectNode payload = json.createObjectNode();
        payload.put("type", "block_actions");
        ObjectNode who = payload.putObject("user");
        who.put("id", user);
        who.put("username", "user-" + user.toLowerCase());
        who.put("team_id", FakeSlack.TEAM_ID);
        payload.put("api_app_id", FakeSlack.APP_ID);
        payload.put("token", "FAKEverificationtoken");
        ObjectNode container = payload.putObject("container");
        container.put("type", "message");
        container.put("message_ts", messageTs);
        container.put("channel_id", channel);
        container.put("is_ephemeral", false);
        if (!threadTs.isEmpty()) container.put("thread_ts", threadTs);
        payload.put("trigger_id", "1337." + ids.incrementAndGet() + ".FAKEtrigger");
        ObjectNode team = payload.putObject("team");
        team.put("id", FakeSlack.TEAM_ID);
        team.put("domain", "fake");
        ObjectNode where = payload.putObject("channel");
        where.put("id", channel);
        where.put("name", channel.startsWith("D") ? "directmessage" : "general");
        ObjectNode message = payload.putObject("message");
        message.put("type", "message");
        message.put("ts", messageTs);
        if (!threadTs.isEmpty()) message.put("thread_ts", threadTs);
        message.put("user", FakeSlack.BOT_USER_ID);
        message.put("bot_id", FakeSlack.BOT_ID);
        payload.put("response_url", responseUrl);
        ObjectNode action = payload.putArray("actions").addObject();
        action.put("type", "feedback_buttons");
        action.put("action_id", actionId);
        action.put("block_id", "askgate-feedback");
        action.put("value", value);
        action.put("action_ts", Long.toString(Instant.now().getEpochSecond()));
        return new SlackInteraction(payload);
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
