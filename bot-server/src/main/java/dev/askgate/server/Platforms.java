package dev.askgate.server;

import dev.askgate.core.platform.SharedPieces;
import dev.askgate.core.render.EditPacer;
import dev.askgate.discord.DiscordPlatform;
import dev.askgate.slack.SlackPlatform;

import java.util.Objects;

/**
 * Where the chat platforms are created from configuration, each from the same {@link SharedPieces} and its own
 * admission: one method per platform, each adding what it needs
 * (a {@link dev.askgate.core.ChatPlatform} and the HTTP routes it offers, such as Slack's HTTP mode's
 * {@code POST /slack/events}) to the {@link EnabledPlatforms} that {@code serve} runs.
 */
final class Platforms {
    private final AskgateConfig config;
    private final Wiring wiring;
    private final SharedPieces shared;

    Platforms(AskgateConfig config, Wiring wiring) {
        this.config = Objects.requireNonNull(config, "config");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.shared = wiring.shared();
    }

    /** Every platform whose tokens are set. */
    EnabledPlatforms create() {
        var enabled = new EnabledPlatforms.Builder();
        discord(enabled);
        slack(enabled);
        return enabled.build();
    }

    /** Discord, when {@code DISCORD_BOT_TOKEN} (or its {@code _FILE}) is set; JDA shares the one HTTP client. */
    private void discord(EnabledPlatforms.Builder enabled) {
        config.discord().ifPresent(discord -> {
            var platform = new DiscordPlatform(discord, shared, shared.admission(discord.access(), discord.allowDms()),
                    wiring.http());
            enabled.platform(platform);
            config.spend().alerts().discordChannel().ifPresent(id -> enabled.alertChannel(platform.alertChannel(id)));
        });
    }

    /** Slack in Socket Mode (app token set) or HTTP mode (signing secret, requests at the route it offers). */
    private void slack(EnabledPlatforms.Builder enabled) {
        config.slack().ifPresent(slack -> {
            var platform = new SlackPlatform(slack, shared, shared.admission(slack.access().toRules(), slack.allowDms()),
                    EditPacer.forSlack(slack.editInterval(), shared.clock()), wiring.http());
            enabled.platform(platform);
            platform.routes().forEach(enabled::route);
            config.spend().alerts().slackChannel().ifPresent(id -> enabled.alertChannel(platform.alertChannel(id)));
        });
    }
}
