package dev.askgate.core.render;

import java.util.Objects;

/**
 * Where one answer goes: the messages in place, the pacing key whose budget they use (a Discord channel,
 * a Slack workspace) and the private way to the asker.
 */
public record ReplyPlace(MessageTarget target, String channelKey, PrivateNote privately) {
    public ReplyPlace {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(channelKey, "channelKey");
        Objects.requireNonNull(privately, "privately");
    }
}
