package dev.askgate.testkit.openai;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Counts the chat requests being served at once and, while held, keeps them waiting. Thread-safe. */
final class ChatGate {
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private volatile CountDownLatch held = new CountDownLatch(0);

    void hold() {
        held = new CountDownLatch(1);
    }

    void release() {
        held.countDown();
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    <T> T pass(Supplier<T> serve) {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
            held.await();
            return serve.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return serve.get();
        } finally {
            inFlight.decrementAndGet();
        }
    }
}
