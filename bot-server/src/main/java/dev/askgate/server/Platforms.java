package dev.askgate.server;

import dev.askgate.discord.DiscordPlatform;
import dev.askgate.core.render.EditPacer;
import dev.askgate.core.render.OutcomeWording;
import dev.askgate.slack.SlackHttpEndpoint;
import dev.askgate.slack.SlackPlatform;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * Where the chat platforms are created from configuration: one method per platform, each adding what it needs
 * (a {@link dev.askgate.core.ChatPlatform}, and for Slack's HTTP mode an {@link HttpRoute} at
 * {@code POST /slack/events}) to the {@link EnabledPlatforms} that {@code serve} runs.
 */
final class Platforms {
    private static final String SLACK_USAGE = "Ask me with /ask <question>, or mention me.";
    private final AskgateConfig config;
    private final Wiring wiring;

    Platforms(AskgateConfig config, Wiring wiring) {
        this.config = Objects.requireNonNull(config, "config");
        this.wiring = Objects.requireNonNull(wiring, "wiring");
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
        config.discord().ifPresent(discord -> enabled.platform(
                new DiscordPlatform(discord, wiring.chat(), wiring.http(), Clock.systemUTC())));
    }

    /** Slack in Socket Mode (app token set) or HTTP mode (signing secret, requests at POST /slack/events). */
    private void slack(EnabledPlatforms.Builder enabled) {
        config.slack().ifPresent(settings -> {
            Clock clock = Clock.systemUTC();
            var slack = new SlackPlatform(settings, wiring.http(), wiring.chat(),
                    EditPacer.forSlack(settings.editInterval(), clock), wiring.usage().dedupe("slack"),
                    new OutcomeWording(SLACK_USAGE)::note, clock);
            enabled.platform(slack);
            slack.httpEndpoint().ifPresent(endpoint -> enabled.route(HttpRoute.of("POST", SlackHttpEndpoint.PATH,
                    request -> {
                        var reply = endpoint.handle(request.headers(), request.body());
                        return new RouteResponse(reply.status(), Map.of("Content-Type", reply.contentType()),
                                reply.body());
                    })));
        });
    }
}
