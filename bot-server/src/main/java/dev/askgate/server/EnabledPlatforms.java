package dev.askgate.server;

import dev.askgate.core.alert.AlertChannel;
import dev.askgate.core.ChatPlatform;
import dev.askgate.core.http.HttpRoute;

import java.util.ArrayList;
import java.util.List;

/**
 * The platforms {@code serve} runs, the HTTP routes they need (Slack's HTTP mode), and the platforms that were
 * asked for but cannot run in this build, one line each, and the channels operator alerts are posted in.
 */
record EnabledPlatforms(List<ChatPlatform> platforms, List<HttpRoute> routes, List<String> unavailable,
                        List<AlertChannel> alertChannels) {
    EnabledPlatforms {
        platforms = List.copyOf(platforms);
        routes = List.copyOf(routes);
        unavailable = List.copyOf(unavailable);
        alertChannels = List.copyOf(alertChannels);
    }

    /** Collects platforms as {@link Platforms} creates them. */
    static final class Builder {
        private final List<ChatPlatform> platforms = new ArrayList<>();
        private final List<HttpRoute> routes = new ArrayList<>();
        private final List<String> unavailable = new ArrayList<>();
        private final List<AlertChannel> alertChannels = new ArrayList<>();

        Builder platform(ChatPlatform platform) {
            platforms.add(platform);
            return this;
        }

        Builder route(HttpRoute route) {
            routes.add(route);
            return this;
        }

        Builder unavailable(String why) {
            unavailable.add(why);
            return this;
        }

        /** Where operator alerts are posted on this platform ({@code alerts.slack_channel}, {@code alerts.discord_channel}). */
        Builder alertChannel(AlertChannel channel) {
            alertChannels.add(channel);
            return this;
        }

        EnabledPlatforms build() {
            return new EnabledPlatforms(platforms, routes, unavailable, alertChannels);
        }
    }
}
