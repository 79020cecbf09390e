package dev.askgate.server;

import dev.askgate.core.usage.StoreHealth;
import dev.askgate.core.usage.UsageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The store's background chores on one daemon thread: a look every {@value #CHECK_SECONDS} s, so that {@code /readyz}
 * notices an outage (and its end) while no question comes, and the retention prune once a day
 * ({@code ASKGATE_LEDGER_RETENTION_DAYS}), first a minute after start.
 */
final class StoreUpkeep implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StoreUpkeep.class);
    static final int CHECK_SECONDS = 15;

    private final UsageStore store;
    private final StoreHealth health;
    private final Duration retention;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "usage-store-upkeep");
        thread.setDaemon(true);
        return thread;
    });

    StoreUpkeep(UsageStore store, StoreHealth health, Duration retention) {
        this.store = store;
        this.health = health;
        this.retention = retention;
        timer.scheduleWithFixedDelay(this::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::prune, 60, TimeUnit.DAYS.toSeconds(1), TimeUnit.SECONDS);
    }

    private void check() {
        try {
            store.oldestRow();
            health.reachable();
        } catch (RuntimeException e) {
            health.unreachable(e.getMessage());
        }
    }

    private void prune() {
        try {
            int deleted = store.prune(retention);
            log.info("Usage store: pruned {} ledger rows older than {} days (ASKGATE_LEDGER_RETENTION_DAYS)",
                    deleted, retention.toDays());
        } catch (RuntimeException e) {
            log.warn("Usage store: the retention prune failed, trying again tomorrow: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
