package dev.askgate.core.render;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * What one reply's stream thread, renderer and finisher share: the text, its version, the final text, the
 * result, and the renderer's waits. One {@link ReentrantLock} guards it all; it is held only to read or change
 * that state, never across a platform, pacer or scheduler call, so there is no lock order, and its conditions
 * (rather than {@code synchronized}) keep a waiting virtual thread off its carrier on JDK 21.
 */
final class ReplyState {
    private final EditScheduler scheduler;
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled for the renderer: new text, the final text, or the time it waits for. */
    private final Condition wake = lock.newCondition();
    /** Signalled for the callers of {@link #await}: the result is there. */
    private final Condition ended = lock.newCondition();
    private final StringBuilder text = new StringBuilder();
    private long version;
    private long seenVersion;
    private String finalText;
    private boolean complete;
    private boolean started;
    private boolean waiting;
    private boolean woken;
    private long alarm;
    private boolean rang;
    private FinishResult result;

    ReplyState(EditScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Adds text unless the answer has ended; true when the renderer must be started now (the first text not blank). */
    boolean append(String piece) {
        lock.lock();
        try {
            if (finalText != null) return false;
            text.append(piece);
            version++;
            wakeRenderer();
            return startsNow(!piece.isBlank());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands over the final text ({@code complete}: the whole answer, no error or cut); true when the renderer must
     * be started now (no text came before).
     */
    boolean end(String all, boolean complete) {
        Objects.requireNonNull(all, "finalText");
        lock.lock();
        try {
            if (finalText != null) throw new IllegalStateException("finished twice");
            finalText = all;
            this.complete = complete;
            wakeRenderer();
            return startsNow(true);
        } finally {
            lock.unlock();
        }
    }

    /** Whether the final text handed over is the whole answer. */
    boolean complete() {
        lock.lock();
        try {
            return complete;
        } finally {
            lock.unlock();
        }
    }

    /** The text received so far; once finished, the final text. */
    String text() {
        lock.lock();
        try {
            return finalText != null ? finalText : text.toString();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The renderer waits until there is text it has not {@linkplain #latest seen} or the answer ends; with
     * {@code lookAgain} (more to show without new text) it does not wait. Returns the final text once the answer
     * has ended, empty while it streams.
     */
    Optional<String> next(boolean lookAgain) throws InterruptedException {
        lock.lock();
        try {
            if (!lookAgain) awaitWake(() -> finalText != null || version != seenVersion);
            return Optional.ofNullable(finalText);
        } finally {
            lock.unlock();
        }
    }

    /** The text received so far, for a render: what {@link #next} counts as seen. */
    String latest() {
        lock.lock();
        try {
            seenVersion = version;
            return text.toString();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits {@code wait} (timed by the scheduler), or until the answer ends when {@code untilFinished}; returns
     * whether the time came. The lock is released while the scheduler books the wake-up.
     */
    boolean sleep(Duration wait, boolean untilFinished) throws InterruptedException {
        if (wait.isZero() || wait.isNegative()) return true;
        long mine;
        lock.lock();
        try {
            mine = ++alarm;
            rang = false;
        } finally {
            lock.unlock();
        }
        EditScheduler.Cancellable wakeUp = scheduler.schedule(wait, () -> ring(mine));
        boolean inTime;
        lock.lock();
        try {
            awaitWake(() -> rang || untilFinished && finalText != null);
            inTime = rang;
        } finally {
            lock.unlock();
        }
        if (!inTime) wakeUp.cancel();
        return inTime;
    }

    /** The renderer is done: callers waiting in {@link #await} get {@code outcome}. */
    void rendered(FinishResult outcome) {
        lock.lock();
        try {
            result = outcome;
            ended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code deadline} for the result; {@link FinishResult.StillWaiting} when there is none yet. */
    FinishResult await(Duration deadline) {
        long nanos = deadline.toNanos();
        lock.lock();
        try {
            while (result == null) {
                if (nanos <= 0) return new FinishResult.StillWaiting();
                nanos = ended.awaitNanos(nanos);
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FinishResult.StillWaiting();
        } finally {
            lock.unlock();
        }
    }

    /** Whether the renderer waits for something that has not happened yet, has not started, or has ended. */
    boolean settled() {
        lock.lock();
        try {
            return !started || result != null || waiting && !woken;
        } finally {
            lock.unlock();
        }
    }

    private boolean startsNow(boolean wanted) {
        if (started || !wanted) return false;
        started = true;
        return true;
    }

    private void ring(long which) {
        lock.lock();
        try {
            if (which != alarm) return; // a wake-up for a wait that has ended
            rang = true;
            wakeRenderer();
        } finally {
            lock.unlock();
        }
    }

    /** The renderer waits, the lock held, until {@code ready}; {@link #settled} can tell that it is waiting. */
    private void awaitWake(BooleanSupplier ready) throws InterruptedException {
        waiting = true;
        try {
            while (!ready.getAsBoolean()) {
                woken = false;
                wake.await();
            }
        } finally {
            waiting = false;
        }
    }

    /** With the lock held. */
    private void wakeRenderer() {
        woken = true;
        wake.signal();
    }
}
