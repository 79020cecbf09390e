package dev.askgate.core.render;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay; tests substitute one whose time they move by hand. */
@FunctionalInterface
public interface EditScheduler {

    /** Schedules {@code task} to run once after {@code delay}; the result cancels it if it has not begun. */
    Cancellable schedule(Duration delay, Runnable task);

    /** A scheduled task that may still be cancelled. */
    @FunctionalInterface
    interface Cancellable {
        void cancel();
    }

    /**
     * Times tasks with {@code timer} and runs each on a new virtual thread, so that a slow platform call
     * never holds one of the timer's few threads.
     */
    static EditScheduler onVirtualThreads(ScheduledExecutorService timer) {
        return (delay, task) -> {
            ScheduledFuture<?> future = timer.schedule(() -> Thread.ofVirtual().name("askgate-edit").start(task),
                    Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
            return () -> future.cancel(false);
        };
    }
}
