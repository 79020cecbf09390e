package dev.askgate.core.render;

import java.util.Objects;

/**
 * Where one answer goes: the messages in place, the pacing key whose budget they use (a Discord channel,
 * a Slack workspace) and the private way to the asker.
 *
 * @param refusalsPrivately whether a refusal with nothing shown goes the private way here even on a platform
 *                          whose refusals are shown in place: a Discord {@code /ask}, whose ephemeral reply only the
 *                          asker sees, unlike a mention, whose only private way is a direct message
 */
public record ReplyPlace(MessageTarget target, String channelKey, PrivateNote privately, boolean refusalsPrivately) {
    public ReplyPlace {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(channelKey, "channelKey");
        Objects.requireNonNull(privately, "privately");
    }

    /** A place whose refusals follow the platform's presenter. */
    public ReplyPlace(MessageTarget target, String channelKey, PrivateNote privately) {
        this(target, channelKey, privately, false);
    }
}
