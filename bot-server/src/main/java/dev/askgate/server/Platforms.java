package dev.askgate.server;

import dev.askgate.server.PlatformTokens.SlackMode;

import java.util.Objects;

/**
 * Where the chat platforms are created from configuration: one method per platform, each adding what it needs
 * (a {@link dev.askgate.core.ChatPlatform}, and for Slack's HTTP mode an {@link HttpRoute} at
 * {@code POST /slack/events}) to the {@link EnabledPlatforms} that {@code serve} runs.
 */
final class Platforms {
    private final AskgateConfig config;
    private final Wiring wiring;

    Platforms(AskgateConfig config, Wiring wiring) {
        this.config = Objects.requireNonNull(config, "config");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
    }

    /** Every platform whose tokens are set. */
    EnabledPlatforms create() {
        var enabled = new EnabledPlatforms.Builder();
        if (config.platforms().discordBot()) {
            discord(enabled);
        }
        config.platforms().slackMode().ifPresent(mode -> slack(mode, enabled));
        return enabled.build();
    }

    /** Discord, when {@code DISCORD_BOT_TOKEN} (or its {@code _FILE}) is set. */
    private void discord(EnabledPlatforms.Builder enabled) {
        // The Discord adapter plugs in here:
        //   enabled.platform(new DiscordPlatform(config.discord(), wiring.chat(), ...));
        enabled.unavailable("DISCORD_BOT_TOKEN is set, but the Discord adapter is not yet available in this build");
    }

    /** Slack in Socket Mode (app token set) or HTTP mode (signing secret, requests at POST /slack/events). */
    private void slack(SlackMode mode, EnabledPlatforms.Builder enabled) {
        // The Slack adapter plugs in here:
        //   SOCKET: enabled.platform(new SlackSocketPlatform(config.slack(), wiring.chat(), ...));
        //   HTTP:   var slack = new SlackHttpPlatform(config.slack(), wiring.chat(), ...);
        //           enabled.platform(slack).route(HttpRoute.of("POST", "/slack/events", request -> ...));
        enabled.unavailable((mode == SlackMode.SOCKET ? "SLACK_BOT_TOKEN and SLACK_APP_TOKEN are"
                : "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are")
                + " set, but the Slack adapter is not yet available in this build");
    }
}
