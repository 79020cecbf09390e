package dev.askgate.core.policy;

import dev.askgate.core.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalThrottleTest {
    private final ManualClock clock = new ManualClock();
    private final RefusalThrottle throttle = RefusalThrottle.perMinute(clock);

    @Test
    void aRefusedPersonIsToldAtMostOncePerMinute() {
        assertThat(throttle.shouldTell("discord:g:alice")).isTrue();
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttle.shouldTell("discord:g:alice")).isFalse();
        clock.advance(Duration.ofSeconds(29));
        assertThat(throttle.shouldTell("discord:g:alice")).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.shouldTell("discord:g:alice")).isTrue();
    }

    @Test
    void eachPersonHasTheirOwnMinute() {
        assertThat(throttle.shouldTell("discord:g:alice")).isTrue();
        assertThat(throttle.shouldTell("discord:g:bob")).isTrue();
        assertThat(throttle.shouldTell("slack:t:alice")).isTrue();
    }

    @Test
    void concurrentRefusalsOfOnePersonTellThemOnce() throws Exception {
        List<Future<Boolean>> results = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) results.add(threads.submit(() -> throttle.shouldTell("slack:t:carol")));
        }
        long told = 0;
        for (Future<Boolean> r : results) if (r.get()) told++;
        assertThat(told).isEqualTo(1);
    }
}
