package dev.askgate.testkit.slack;

/**
 * A message as the fake Slack holds it: channel, ts, the thread it belongs to (empty for a top-level message),
 * the author (a user id, or the bot's user id with {@code botId} set) and the current text.
 */
public record SlackMessage(String channel, String ts, String threadTs, String user, String botId, String text) {
    public SlackMessage {
        threadTs = threadTs == null ? "" : threadTs;
        botId = botId == null ? "" : botId;
        text = text == null ? "" : text;
    }

    public boolean fromBot() {
        return !botId.isEmpty();
    }

    public SlackMessage withText(String newText) {
        return new SlackMessage(channel, ts, threadTs, user, botId, newText);
    }
}
