package dev.askgate.testkit.slack;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** An interactive payload ({@code block_actions}), as Socket Mode's {@code interactive} envelope or HTTP's form field. */
public record SlackInteraction(ObjectNode payload) {

    public String json() {
        return payload.toString();
    }

    /** The body Slack posts in HTTP mode: {@code payload=<the JSON>} as a form. */
    public String formBody() {
        return "payload=" + URLEncoder.encode(json(), StandardCharsets.UTF_8);
    }
}
