package dev.askgate.core.work;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the work that follows taking a question (reading history, asking the model, posting the answer), each job on
 * its own virtual thread; says no to new work once stopping, and drains the work in flight with a deadline.
 */
public final class Workers {
    private static final Logger log = LoggerFactory.getLogger(Workers.class);

    private final String name;
    private final ExecutorService executor;
    // A lock, not synchronized: virtual threads finish their jobs here, and waiting in synchronized pins a carrier.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int running;
    private boolean stopping;

    /** @param name names the threads ({@code askgate-answers-0}, ...) and the log lines */
    public Workers(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("askgate-" + name + "-", 0).factory());
    }

    /**
     * Starts {@code job}; false when stopping (the caller tells the asker to try again later). What the job
     * throws is logged by class only: its message may quote a platform's response.
     */
    public boolean submit(Runnable job) {
        Objects.requireNonNull(job, "job");
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
                log.error("workers={} background work failed: {}", name, e.getClass().getName());
            } finally {
                finished();
            }
        });
        return true;
    }

    public boolean stopping() {
        lock.lock();
        try {
            return stopping;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes no new work and waits up to {@code grace} for the work in flight, then interrupts what is left;
     * true when it all finished in time.
     */
    public boolean stop(Duration grace) {
        long left = Math.max(0, grace.toNanos());
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
            if (!done) log.warn("workers={} stopping with {} answer(s) still in flight", name, running);
            executor.shutdownNow();
            return done;
        } finally {
            lock.unlock();
        }
    }

    /** Whether stop has ended the threads' executor (for tests of a platform's lifecycle). */
    public boolean isShutDown() {
        return executor.isShutdown();
    }

    private void finished() {
        lock.lock();
        try {
            running--;
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
