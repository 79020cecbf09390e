package dev.askgate.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.List;

/** {@code alerts: {spike_factor, min_usd_per_hour, slack_channel, discord_channel}}. */
final class AlertSection {
    private static final List<String> FIELDS = List.of("spike_factor", "min_usd_per_hour", "slack_channel",
            "discord_channel");

    private final ConfigNodes nodes;

    AlertSection(ConfigNodes nodes) {
        this.nodes = nodes;
    }

    AlertsConfig read(JsonNode alerts) {
        if (!nodes.mapping(alerts, "alerts")) return AlertsConfig.DEFAULTS;
        nodes.onlyKnown(alerts, "alerts", FIELDS);
        BigDecimal factor = nodes.amount(alerts.path("spike_factor"), "alerts.spike_factor")
                .orElse(AlertsConfig.DEFAULT_SPIKE_FACTOR);
        if (factor.compareTo(BigDecimal.ONE) <= 0) {
            nodes.problem("alerts.spike_factor must be above 1");
            factor = AlertsConfig.DEFAULT_SPIKE_FACTOR;
        }
        return new AlertsConfig(factor,
                nodes.amount(alerts.path("min_usd_per_hour"), "alerts.min_usd_per_hour").orElse(BigDecimal.ZERO),
                nodes.text(alerts.path("slack_channel"), "alerts.slack_channel"),
                nodes.text(alerts.path("discord_channel"), "alerts.discord_channel"));
    }
}
