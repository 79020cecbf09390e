package dev.askgate.server;

import dev.askgate.core.config.Settings;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * How the server process behaves: its HTTP port, how long a shutdown may wait for work in flight,
 * how often the model endpoint is checked, the log level, and the HTTP port's bounds against slow and greedy clients.
 */
public record ServerConfig(int port, Duration shutdownGrace, Duration modelCheckInterval, String logLevel,
                           HttpLimits http) {
    static final Set<String> LOG_LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR");

    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port out of range");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(modelCheckInterval, "modelCheckInterval");
        if (modelCheckInterval.isZero() || modelCheckInterval.isNegative()) {
            throw new IllegalArgumentException("modelCheckInterval must be positive");
        }
        if (!LOG_LEVELS.contains(logLevel)) throw new IllegalArgumentException("unknown log level");
        Objects.requireNonNull(http, "http");
    }

    /** With the HTTP port's default bounds. */
    public ServerConfig(int port, Duration shutdownGrace, Duration modelCheckInterval, String logLevel) {
        this(port, shutdownGrace, modelCheckInterval, logLevel, HttpLimits.DEFAULTS);
    }

    /**
     * Reads {@code ASKGATE_PORT}, {@code ASKGATE_SHUTDOWN_GRACE_SECONDS}, {@code ASKGATE_MODEL_CHECK_SECONDS},
     * {@code ASKGATE_LOG_LEVEL}, {@code ASKGATE_HTTP_MAX_CONNECTIONS} and {@code ASKGATE_HTTP_BACKLOG}.
     */
    public static ServerConfig from(Settings settings) {
        int port = settings.integer("ASKGATE_PORT", 8080, 1, 65535);
        Duration grace = settings.seconds("ASKGATE_SHUTDOWN_GRACE_SECONDS", Duration.ofSeconds(20), 0, 600);
        Duration check = settings.seconds("ASKGATE_MODEL_CHECK_SECONDS", Duration.ofSeconds(60), 5, 86_400);
        checkLogFormat(settings);
        return new ServerConfig(port, grace, check, logLevel(settings), httpLimits(settings));
    }

    private static HttpLimits httpLimits(Settings settings) {
        int connections = settings.integer("ASKGATE_HTTP_MAX_CONNECTIONS", HttpLimits.MAX_CONNECTIONS, 16, 100_000);
        int backlog = settings.integer("ASKGATE_HTTP_BACKLOG", HttpLimits.BACKLOG, 16, 65_535);
        return new HttpLimits(HttpLimits.HEADER_TIMEOUT, HttpLimits.BODY_TIMEOUT, connections, backlog);
    }

    /** Only validated here: LogSetup reads ASKGATE_LOG_FORMAT itself, as logging starts before configuration. */
    private static void checkLogFormat(Settings settings) {
        String format = settings.string("ASKGATE_LOG_FORMAT", "plain").toLowerCase(Locale.ROOT);
        if (!format.equals("plain") && !format.equals("json")) {
            settings.problem("ASKGATE_LOG_FORMAT must be plain or json");
        }
    }

    private static String logLevel(Settings settings) {
        String level = settings.string("ASKGATE_LOG_LEVEL", "INFO").toUpperCase(Locale.ROOT);
        if (LOG_LEVELS.contains(level)) return level;
        settings.problem("ASKGATE_LOG_LEVEL must be one of ERROR, WARN, INFO, DEBUG, TRACE");
        return "INFO";
    }
}
