package dev.askgate.server;

import dev.askgate.core.dedupe.EventDedupe;
import dev.askgate.core.dedupe.InMemoryEventDedupe;
import dev.askgate.core.dedupe.StoreEventDedupe;
import dev.askgate.core.Caller;
import dev.askgate.core.usage.BufferedLedger;
import dev.askgate.core.usage.LedgerRow;
import dev.askgate.core.usage.MeteredSpending;
import dev.askgate.core.usage.PayingKey;
import dev.askgate.core.usage.SpendRules;
import dev.askgate.core.usage.Spending;
import dev.askgate.core.usage.StoreHealth;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.store.UsageStores;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The usage store and what lives on it, opened once: the buffered ledger, the store's health (for {@code /readyz}),
 * the daily retention prune, spend control and retry dedupe. Closing it flushes the ledger, then closes the store;
 * it is closed at the end of a server's shutdown and again (doing nothing) with the wiring.
 */
final class UsageParts implements AutoCloseable {
    /** About a day of a busy workspace's questions; more waiting rows are dropped and counted at ERROR. */
    static final int LEDGER_BUFFER_ROWS = 50_000;
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

    private final UsageStore store;
    private final BufferedLedger ledger;
    private final StoreHealth health = new StoreHealth();
    private final StoreUpkeep upkeep;
    private final Clock clock;
    private final AtomicBoolean closed = new AtomicBoolean();

    UsageParts(UsageStore store, Duration retention, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledger = new BufferedLedger(store, LEDGER_BUFFER_ROWS, Duration.ofSeconds(1), Duration.ofSeconds(30));
        this.upkeep = new StoreUpkeep(store, health, retention);
    }

    /** Opens {@code config}'s store, migrating its schema; a {@link dev.askgate.core.usage.UsageStoreException} names the URL without its password. */
    static UsageParts open(StoreConfig config) {
        UsageStore store = UsageStores.open(config.url(), config.user(), config.passwordValue());
        return new UsageParts(store, config.retention(), Clock.systemUTC());
    }

    /** @param recorded hears of every ledger row as it is written (for the meters) */
    Spending spending(SpendRules rules, Function<Caller, PayingKey> payingKey, Consumer<LedgerRow> recorded) {
        return new MeteredSpending(store, ledger, rules, health, payingKey, clock, recorded);
    }

    /** Retry dedupe for {@code platform} in the store, falling back to memory while the store is down. */
    EventDedupe dedupe(String platform) {
        return new StoreEventDedupe(store, platform, new InMemoryEventDedupe(clock), health);
    }

    StoreHealth health() {
        return health;
    }

    BufferedLedger ledger() {
        return ledger;
    }

    UsageStore store() {
        return store;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        upkeep.close();
        ledger.close(FLUSH_TIMEOUT);
        store.close();
    }
}
