package dev.askgate.server;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code alerts:} of the config file: a spend spike is the last hour's spend above {@code spike_factor}
 * times the trailing 7-day hourly average and at least {@code min_usd_per_hour}; alerts go to the log at ERROR
 * and, when set, to {@code slack_channel} and {@code discord_channel} (channel ids the bot can post in).
 */
public record AlertsConfig(BigDecimal spikeFactor, BigDecimal minUsdPerHour, Optional<String> slackChannel,
                           Optional<String> discordChannel) {
    public static final BigDecimal DEFAULT_SPIKE_FACTOR = new BigDecimal("3");
    /** So that a quiet bot's first few cents are not a "spike". */
    public static final BigDecimal DEFAULT_MIN_USD_PER_HOUR = new BigDecimal("1.00");
    public static final AlertsConfig DEFAULTS = new AlertsConfig(DEFAULT_SPIKE_FACTOR, DEFAULT_MIN_USD_PER_HOUR,
            Optional.empty(), Optional.empty());

    public AlertsConfig {
        Objects.requireNonNull(spikeFactor, "spikeFactor");
        if (spikeFactor.compareTo(BigDecimal.ONE) <= 0) throw new IllegalArgumentException("alerts.spike_factor must be above 1");
        Objects.requireNonNull(minUsdPerHour, "minUsdPerHour");
        if (minUsdPerHour.signum() < 0) throw new IllegalArgumentException("alerts.min_usd_per_hour is negative");
        slackChannel = Objects.requireNonNull(slackChannel, "slackChannel").filter(id -> !id.isBlank());
        discordChannel = Objects.requireNonNull(discordChannel, "discordChannel").filter(id -> !id.isBlank());
    }
}
