package dev.askgate.store;

import dev.askgate.core.dedupe.InMemoryEventDedupe;
import dev.askgate.core.dedupe.StoreEventDedupe;
import dev.askgate.core.usage.StoreHealth;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** Spend control on SQLite, a fresh file per test; and retry dedupe in the store. */
class SqliteSpendingTest extends SpendingContract {
    @TempDir
    Path temp;

    @Override
    protected String url() {
        return "jdbc:sqlite:" + temp.resolve("askgate.db");
    }

    @Test
    void aRetrySeenByAnotherReplicaIsARepeatAndWhileTheStoreIsDownMemoryDecides() {
        var first = new OutageStore(open());
        var health = new StoreHealth();
        var one = new StoreEventDedupe(first, "slack", new InMemoryEventDedupe(Clock.systemUTC()), health);
        var two = new StoreEventDedupe(open(), "slack", new InMemoryEventDedupe(Clock.systemUTC()), new StoreHealth());

        assertThat(one.firstSeen("Ev1")).isTrue();
        assertThat(two.firstSeen("Ev1")).as("the other replica's store knows it").isFalse();
        first.down();
        assertThat(one.firstSeen("Ev1")).as("this replica's memory knows it").isFalse();
        assertThat(one.firstSeen("Ev2")).as("a new id is answered while the store is down").isTrue();
        assertThat(health.up()).isFalse();
    }
}
