package dev.askgate.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs the work that follows an acknowledgement (asking the model, posting the answer) on virtual threads,
 * and lets the platform stop taking new work and wait for the work in flight.
 */
final class SlackWorkers {
    private static final Logger log = LoggerFactory.getLogger(SlackWorkers.class);

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("askgate-slack-", 0).factory());
    private final Object lock = new Object();
    private int running;
    private boolean stopping;

    /** Starts {@code job}; false when stopping (the caller tells the asker to try again later). */
    boolean submit(Runnable job) {
        synchronized (lock) {
            if (stopping) return false;
            running++;
        }
        executor.execute(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                log.error("platform=slack background work failed: {}", e.getClass().getName());
            } finally {
                synchronized (lock) {
                    running--;
                    lock.notifyAll();
                }
            }
        });
        return true;
    }

    boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    /** Takes no new work, waits up to {@code grace} for the work in flight; true when it all finished. */
    boolean stop(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (lock) {
            stopping = true;
            while (running > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) break;
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            boolean idle = running == 0;
            if (!idle) log.warn("platform=slack stopping with {} answer(s) still in flight", running);
            executor.shutdownNow();
            return idle;
        }
    }
}
