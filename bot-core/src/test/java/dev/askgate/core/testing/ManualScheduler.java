package dev.askgate.core.testing;

import dev.askgate.core.render.EditScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * An EditScheduler on a ManualClock: tasks run on the test's thread when the test moves time past them. Work that
 * runs on threads of its own (a reply's renderer) is {@linkplain #watch watched}: time moves only once every
 * watched party has settled (waits for something that has not happened), so that each step is deterministic.
 */
public final class ManualScheduler implements EditScheduler {
    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;
    private final List<BooleanSupplier> watched = new CopyOnWriteArrayList<>();
    private static final long SETTLE_LIMIT_NANOS = 10_000_000_000L;

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

    /** {@code settled} says whether a party working on its own thread waits for something that has not happened. */
    public void watch(BooleanSupplier settled) {
        watched.add(settled);
    }

    /** Waits (in real time, at most 10 s) until every watched party has settled. */
    public void settle() {
        long until = System.nanoTime() + SETTLE_LIMIT_NANOS;
        while (!watched.stream().allMatch(BooleanSupplier::getAsBoolean)) {
            if (System.nanoTime() > until) throw new AssertionError("a watched party did not settle within 10 s");
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Moves time forward by {@code by}, running each task when its time comes, in order, settling after each. */
    public void advance(Duration by) {
        Instant end = clock.instant().plus(by);
        while (true) {
            settle();
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
        settle();
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
