package dev.askgate.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the work that follows an acknowledgement (asking the model, posting the answer) on virtual threads,
 * and lets the platform stop taking new work and wait for the work in flight.
 */
final class SlackWorkers {
    private static final Logger log = LoggerFactory.getLogger(SlackWorkers.class);

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("askgate-slack-", 0).factory());
    // A lock, not synchronized: virtual threads finish their jobs here, and waiting in synchronized pins a carrier.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int running;
    private boolean stopping;

    /** Starts {@code job}; false when stopping (the caller tells the asker to try again later). */
    boolean submit(Runnable job) {
        lock.lock();
        try {
            if (stopping) return false;
            running++;
        } finally {
            lock.unlock();
        }
        executor.execute(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.error("platform=slack background work failed: {}", e.getClass().getName());
            } finally {
                lock.lock();
                try {
                    running--;
                    idle.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        });
        return true;
    }

    boolean stopping() {
        lock.lock();
        try {
            return stopping;
        } finally {
            lock.unlock();
        }
    }

    /** Takes no new work, waits up to {@code grace} for the work in flight; true when it all finished. */
    boolean stop(Duration grace) {
        long left = grace.toNanos();
        lock.lock();
        try {
            stopping = true;
            while (running > 0 && left > 0) {
                try {
                    left = idle.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            boolean done = running == 0;
            if (!done) log.warn("platform=slack stopping with {} answer(s) still in flight", running);
            executor.shutdownNow();
            return done;
        } finally {
            lock.unlock();
        }
    }
}
