package dev.askgate.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The bounds that keep a slow or hostile client from holding Askgate's HTTP port: how long a request may take
 * to send its headers (counted from the connection's opening or the end of the previous answer, so an idle
 * kept-alive connection is closed after the same time) and its body, how many connections may be open at once
 * (the next ones are answered 503 and closed), and the listen backlog for bursts of new connections.
 */
public record HttpLimits(Duration headerTimeout, Duration bodyTimeout, int maxConnections, int backlog) {
    public static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration BODY_TIMEOUT = Duration.ofSeconds(30);
    public static final int MAX_CONNECTIONS = 1_000;
    public static final int BACKLOG = 1_024;
    public static final HttpLimits DEFAULTS = new HttpLimits(HEADER_TIMEOUT, BODY_TIMEOUT, MAX_CONNECTIONS, BACKLOG);

    public HttpLimits {
        requirePositive(headerTimeout, "headerTimeout");
        requirePositive(bodyTimeout, "bodyTimeout");
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be positive");
        if (backlog < 1) throw new IllegalArgumentException("backlog must be positive");
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isZero() || duration.isNegative()) throw new IllegalArgumentException(name + " must be positive");
    }
}
