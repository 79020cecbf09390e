package dev.askgate.server;

import dev.askgate.discord.DiscordPlatform;
import dev.askgate.server.PlatformTokens.SlackMode;

import java.time.Clock;
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
        config.discord().ifPresent(discord -> enabled.platform(
                new DiscordPlatform(discord, wiring.chat(), wiring.http(), Clock.systemUTC())));
    }

    /** Slack in Socket Mode (app token set) or HTTP mode (signing secret, requests at POST /slack/events). */
    private void slack(SlackMode mode, EnabledPlatforms.Builder enabled) {
        // The Slack adapter plugs in here (with AskgateConfig holding Optional<SlackSettings> slack), both modes:
        //   var slack = new SlackPlatform(config.slack().orElseThrow(), wiring.chat(),
        //           EditPacer.forSlack(EditPacer.DEFAULT_MESSAGE_INTERVAL, clock),
        //           new InMemoryEventDedupe(clock)::firstSeen, new OutcomeWording("...")::note, clock);
        //   enabled.platform(slack);
        //   slack.httpEndpoint().ifPresent(endpoint -> enabled.route(HttpRoute.of("POST", SlackHttpEndpoint.PATH,
        //           request -> { var reply = endpoint.handle(request.headers(), request.body());
        //                        return new RouteResponse(reply.status(), Map.of("Content-Type", reply.contentType()),
        //                                reply.body()); })));
        enabled.unavailable((mode == SlackMode.SOCKET ? "SLACK_BOT_TOKEN and SLACK_APP_TOKEN are"
                : "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are")
                + " set, but the Slack adapter is not yet available in this build");
    }
}
