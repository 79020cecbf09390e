package dev.askgate.testkit.slack;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A slash command as Slack sends it, over HTTP (form fields) or in a Socket Mode envelope (the same fields as JSON). */
public record SlashCommand(String command, String teamId, String channelId, String userId, String text,
                           String responseUrl, String triggerId) {

    /** The fields Slack sends, in Slack's order. */
    public Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", "FAKEverificationtoken");
        f.put("team_id", teamId);
        f.put("team_domain", "fake");
        f.put("channel_id", channelId);
        f.put("channel_name", channelId.startsWith("D") ? "directmessage" : "general");
        f.put("user_id", userId);
        f.put("user_name", "user-" + userId.toLowerCase());
        f.put("command", command);
        f.put("text", text);
        f.put("api_app_id", FakeSlack.APP_ID);
        f.put("is_enterprise_install", "false");
        f.put("response_url", responseUrl);
        f.put("trigger_id", triggerId);
        return f;
    }

    /** The fields as the HTTP body Slack posts ({@code application/x-www-form-urlencoded}). */
    public String formBody() {
        return fields().entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
