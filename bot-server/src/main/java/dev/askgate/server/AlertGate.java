package dev.askgate.server;

import dev.askgate.core.alert.AlertChannel;
import dev.askgate.core.usage.UsageStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells an alert once per condition per hour: one ERROR line and one message in each alert channel. A channel
 * that fails is logged and the others still get the alert.
 */
final class AlertGate {
    static final Duration QUIET = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(AlertGate.class);

    private final List<AlertChannel> channels;
    private final Clock clock;
    private final Map<String, Instant> lastTold = new HashMap<>();

    AlertGate(List<AlertChannel> channels, Clock clock) {
        this.channels = List.copyOf(channels);
        this.clock = clock;
    }

    /** Tells {@code text} unless {@code condition} was told less than an hour ago. */
    void fire(String condition, String text) {
        if (!due(condition)) return;
        log.error("alert {}: {}", condition, text);
        for (AlertChannel channel : channels) {
            try {
                channel.post(text);
            } catch (RuntimeException e) {
                log.warn("alert {} not posted to {}: {}", condition, channel.name(), ExceptionLine.of(e));
            }
        }
    }

    /** The spend checks could not read the store: said once an hour, at WARN (readiness reports the store). */
    void storeUnreadable(UsageStoreException e) {
        if (due("store_unreadable")) log.warn("spend alerts skipped: the usage store cannot be read: {}", e.getMessage());
    }

    private boolean due(String condition) {
        Instant now = clock.instant();
        synchronized (lastTold) {
            Instant last = lastTold.get(condition);
            if (last != null && now.isBefore(last.plus(QUIET))) return false;
            lastTold.put(condition, now);
            return true;
        }
    }
}
