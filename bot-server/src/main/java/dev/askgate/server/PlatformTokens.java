package dev.askgate.server;

import dev.askgate.core.config.Settings;

import java.util.ArrayList;
import java.util.Optional;

/**
 * Which platform credentials are present (directly or as {@code _FILE}), to decide which platforms to start.
 * It holds no secret: each adapter's own config record reads its tokens.
 */
public record PlatformTokens(boolean discordBot, boolean slackBot, boolean slackApp, boolean slackSigningSecret) {

    /** How the Slack adapter receives Slack's requests. */
    public enum SlackMode { SOCKET, HTTP }

    public static PlatformTokens from(Settings settings) {
        var tokens = new PlatformTokens(present(settings, "DISCORD_BOT_TOKEN"), present(settings, "SLACK_BOT_TOKEN"),
                present(settings, "SLACK_APP_TOKEN"), present(settings, "SLACK_SIGNING_SECRET"));
        // A token without its partner is reported by SlackConfig, which knows the whole rule.
        return tokens;
    }

    /** Whether any platform can start. */
    public boolean any() {
        return discordBot || slackMode().isPresent();
    }

    /** Socket Mode when an app token is set, HTTP mode with only a signing secret, empty when Slack is off. */
    public Optional<SlackMode> slackMode() {
        if (!slackBot) return Optional.empty();
        if (slackApp) return Optional.of(SlackMode.SOCKET);
        return slackSigningSecret ? Optional.of(SlackMode.HTTP) : Optional.empty();
    }

    /** The platforms these tokens turn on, for {@code check}: "Discord, Slack (Socket Mode)" or how to add one. */
    public String describe() {
        var names = new ArrayList<String>();
        if (discordBot) names.add("Discord");
        slackMode().ifPresent(mode -> names.add(mode == SlackMode.SOCKET ? "Slack (Socket Mode)" : "Slack (HTTP mode)"));
        return names.isEmpty()
                ? "none configured; serve needs DISCORD_BOT_TOKEN, or SLACK_BOT_TOKEN with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET"
                : String.join(", ", names);
    }

    /** For an operator who set no token: which variables turn on which platform. */
    public static String howToEnable() {
        return """
                no chat platform is configured, so there is nothing to serve. Set:
                  Discord:            DISCORD_BOT_TOKEN (or DISCORD_BOT_TOKEN_FILE)
                  Slack, Socket Mode: SLACK_BOT_TOKEN and SLACK_APP_TOKEN (or their _FILE twins)
                  Slack, HTTP mode:   SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or their _FILE twins); Slack posts to /slack/events
                To talk to the model from this terminal instead, run: askgate chat""";
    }

    private static boolean present(Settings settings, String name) {
        return settings.isSet(name) || settings.isSet(name + "_FILE");
    }
}
