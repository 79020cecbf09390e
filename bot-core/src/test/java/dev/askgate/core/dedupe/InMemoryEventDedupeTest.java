package dev.askgate.core.dedupe;

import dev.askgate.core.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryEventDedupeTest {
    private final ManualClock clock = new ManualClock();

    @Test
    void aRetriedEventIsSeenOnlyOnce() {
        EventDedupe dedupe = new InMemoryEventDedupe(clock);

        assertThat(dedupe.firstSeen("Ev01")).isTrue();
        assertThat(dedupe.firstSeen("Ev01")).isFalse();
        assertThat(dedupe.firstSeen("Ev02")).isTrue();
    }

    @Test
    void anIdIsForgottenAfterItsTimeToLive() {
        EventDedupe dedupe = new InMemoryEventDedupe(Duration.ofHours(1), 100, clock);
        dedupe.firstSeen("Ev01");

        clock.advance(Duration.ofMinutes(59));
        assertThat(dedupe.firstSeen("Ev01")).isFalse();
        clock.advance(Duration.ofMinutes(1));
        assertThat(dedupe.firstSeen("Ev01")).isTrue();
    }

    @Test
    void theOldestIdsAreForgottenBeyondTheBound() {
        InMemoryEventDedupe dedupe = new InMemoryEventDedupe(Duration.ofHours(1), 3, clock);
        for (String id : List.of("a", "b", "c", "d")) dedupe.firstSeen(id);

        assertThat(dedupe.size()).isEqualTo(3);
        assertThat(dedupe.firstSeen("d")).isFalse();
        assertThat(dedupe.firstSeen("a")).isTrue();
    }

    @Test
    void concurrentDeliveriesOfOneEventAreAnsweredOnce() throws Exception {
        EventDedupe dedupe = new InMemoryEventDedupe(clock);
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) results.add(threads.submit(() -> dedupe.firstSeen("Ev-retried")));
        }
        long first = 0;
        for (Future<Boolean> r : results) if (r.get()) first++;
        assertThat(first).isEqualTo(1);
    }
}
