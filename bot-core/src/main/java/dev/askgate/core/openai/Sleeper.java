package dev.askgate.core.openai;

import java.time.Duration;

/** Waits between retries; tests pass one that records the delay instead of waiting. */
@FunctionalInterface
public interface Sleeper {

    void sleep(Duration delay) throws InterruptedException;

    /** Really waits. */
    static Sleeper real() {
        return delay -> Thread.sleep(delay);
    }
}
