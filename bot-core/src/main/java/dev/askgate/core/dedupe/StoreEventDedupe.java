package dev.askgate.core.dedupe;

import dev.askgate.core.usage.StoreHealth;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.core.usage.UsageStoreException;

import java.util.Objects;

/**
 * Retry dedupe in the usage store, so that it survives restarts and is shared by replicas. Every id is also
 * remembered in memory: a repeat this replica saw is known without a query, and while the store is down the
 * memory alone decides (a retry that lands on another replica then may be answered twice, never none).
 */
public final class StoreEventDedupe implements EventDedupe {
    private final UsageStore store;
    private final String platform;
    private final EventDedupe memory;
    private final StoreHealth health;

    public StoreEventDedupe(UsageStore store, String platform, EventDedupe memory, StoreHealth health) {
        this.store = Objects.requireNonNull(store, "store");
        this.platform = Objects.requireNonNull(platform, "platform");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.health = Objects.requireNonNull(health, "health");
    }

    @Override
    public boolean firstSeen(String eventId) {
        if (!memory.firstSeen(eventId)) return false;
        if (!health.worthTrying()) return true;
        try {
            boolean first = store.firstSighting(platform, eventId);
            health.reachable();
            return first;
        } catch (UsageStoreException e) {
            health.unreachable(e.getMessage());
            return true;
        }
    }
}
