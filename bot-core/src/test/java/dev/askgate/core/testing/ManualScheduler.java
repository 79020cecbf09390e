package dev.askgate.core.testing;

import dev.askgate.core.render.EditScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** An EditScheduler on a ManualClock: tasks run on the test's thread when the test moves time past them. */
public final class ManualScheduler implements EditScheduler {
    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    private record Task(Instant due, long order, Runnable run) { }

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Cancellable schedule(Duration delay, Runnable run) {
        Task task = new Task(clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), sequence++, run);
        tasks.add(task);
        return () -> {
            synchronized (this) {
                tasks.remove(task);
            }
        };
    }

    /** Moves time forward by {@code by}, running each task when its time comes, in order. */
    public void advance(Duration by) {
        Instant end = clock.instant().plus(by);
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream().filter(t -> !t.due().isAfter(end))
                        .min(Comparator.comparing(Task::due).thenComparingLong(Task::order)).orElse(null);
                if (next == null) break;
                tasks.remove(next);
            }
            if (next.due().isAfter(clock.instant())) clock.set(next.due());
            next.run().run();
        }
        clock.set(end);
    }

    /** Runs everything that is due now. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    public synchronized int pending() {
        return tasks.size();
    }

    /** When the earliest pending task is due, relative to now. */
    public synchronized Duration nextDelay() {
        return tasks.stream().map(Task::due).min(Comparator.naturalOrder())
                .map(due -> Duration.between(clock.instant(), due)).orElseThrow();
    }
}
