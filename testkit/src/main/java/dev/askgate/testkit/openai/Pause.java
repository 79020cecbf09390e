package dev.askgate.testkit.openai;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Scripted delays that end early when the fake closes, so a silent stream never outlives its test. */
final class Pause {
    private final CountDownLatch closed = new CountDownLatch(1);

    /** Sleeps; false when the fake closed (or the thread was interrupted) meanwhile. */
    boolean sleep(long nanos) {
        try {
            return !closed.await(nanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void release() {
        closed.countDown();
    }
}
