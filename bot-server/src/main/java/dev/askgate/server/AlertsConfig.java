package dev.askgate.server;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code alerts:} of the {@code ASKGATE_CONFIG} file: a spike is the last hour's spend above {@code spikeFactor}
 * times the trailing 7-day hourly average and at least {@code minUsdPerHour}; alerts go to the log and, when set, to
 * a Slack or Discord channel.
 */
public record AlertsConfig(BigDecimal spikeFactor, BigDecimal minUsdPerHour, Optional<String> slackChannel,
                           Optional<String> discordChannel) {
    public static final BigDecimal DEFAULT_SPIKE_FACTOR = new BigDecimal("3");
    public static final AlertsConfig DEFAULTS = new AlertsConfig(DEFAULT_SPIKE_FACTOR, BigDecimal.ZERO,
            Optional.empty(), Optional.empty());

    public AlertsConfig {
        Objects.requireNonNull(spikeFactor, "spikeFactor");
        if (spikeFactor.compareTo(BigDecimal.ONE) <= 0) throw new IllegalArgumentException("alerts.spike_factor must be above 1");
        Objects.requireNonNull(minUsdPerHour, "minUsdPerHour");
        if (minUsdPerHour.signum() < 0) throw new IllegalArgumentException("alerts.min_usd_per_hour is negative");
        Objects.requireNonNull(slackChannel, "slackChannel");
        Objects.requireNonNull(discordChannel, "discordChannel");
    }
}
