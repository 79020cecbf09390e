package dev.askgate.slack;

/** A message only the person who asked can see: through a command's response URL, or an ephemeral message. */
@FunctionalInterface
interface PrivateReply {
    /** Sends {@code mrkdwn} to the asker only. */
    void send(String mrkdwn);

    /** Through the {@code response_url} of a slash command (works even where the bot is not a member). */
    static PrivateReply viaResponseUrl(SlackWebApi api, String responseUrl) {
        return text -> api.respondEphemeral(responseUrl, text);
    }

    /** With {@code chat.postEphemeral} in {@code channel} (and its thread {@code threadTs} when not empty). */
    static PrivateReply ephemeral(SlackWebApi api, String channel, String user, String threadTs) {
        return text -> api.postEphemeral(channel, user, threadTs, text);
    }
}
