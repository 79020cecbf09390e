package dev.askgate.core.openai;

import java.time.Duration;
import java.util.Objects;

/**
 * The timeouts of a model call: {@code connect} is the configured timeout capped at {@link #MAX_CONNECT} (a host
 * that does not accept a connection in 10 s will not), {@code silence} is the configured one for reads and writes.
 */
record Timeouts(Duration connect, Duration silence) {
    static final Duration MAX_CONNECT = Duration.ofSeconds(10);

    Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(silence, "silence");
    }

    /** The timeouts for {@code OPENAI_TIMEOUT_SECONDS} = {@code configured}. */
    static Timeouts of(Duration configured) {
        return new Timeouts(configured.compareTo(MAX_CONNECT) < 0 ? configured : MAX_CONNECT, configured);
    }
}
