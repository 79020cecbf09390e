package dev.askgate.core.render;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Keeps a platform's typing indicator up from shortly after the question is accepted until the answer's first
 * message is posted (Discord shows it for about 10 s; it is renewed while the model is still thinking, and while
 * words that have come wait for room in the channel's edit budget). It first shows after a grace period, and only
 * if the answer has no message by then: an answer that appears sooner needs no indicator, which would only flash
 * (and cost a platform call on the answer's busiest moment). A platform without renewal shows it once.
 */
final class TypingIndicator {
    private final Runnable show;
    private final BooleanSupplier nothingPosted;
    private final Duration grace;
    private final Optional<Duration> renewal;
    private final ScheduledExecutorService timer;
    // Not synchronized: start() runs on the answer's virtual thread, and a lock held there must not pin it.
    private final ReentrantLock lock = new ReentrantLock();
    private ScheduledFuture<?> pending;
    private boolean started;
    private boolean stopped;

    /**
     * @param nothingPosted whether the answer has no message yet: once it has one, nothing more is shown
     * @param grace         how long after {@link #start} the indicator first shows (zero: at once)
     */
    TypingIndicator(Runnable show, BooleanSupplier nothingPosted, Duration grace, Optional<Duration> renewal,
                    ScheduledExecutorService timer) {
        this.show = Objects.requireNonNull(show, "show");
        this.nothingPosted = Objects.requireNonNull(nothingPosted, "nothingPosted");
        this.grace = Objects.requireNonNull(grace, "grace");
        this.renewal = Objects.requireNonNull(renewal, "renewal");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /** Schedules the first showing (or shows at once, without a grace period); a timer that refuses throws. */
    void start() {
        lock.lock();
        try {
            if (stopped || started) return;
            started = true;
            if (grace.isZero()) {
                show.run();
                scheduleRenewal();
            } else {
                pending = timer.schedule(this::showIfStillWaiting, grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** No more typing: the answer is showing, or the work has ended. */
    void stop() {
        lock.lock();
        try {
            stopped = true;
            if (pending != null) pending.cancel(false);
        } finally {
            lock.unlock();
        }
    }

    /** The grace is over: shown (and renewed from now on) only if the answer still has no message. */
    private void showIfStillWaiting() {
        lock.lock();
        try {
            if (showWhileNothingPosted()) scheduleRenewal();
        } finally {
            lock.unlock();
        }
    }

    /** Shows it again while the answer has no message; the message itself ends the indicator on the platform. */
    private void renew() {
        lock.lock();
        try {
            showWhileNothingPosted();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: whether it was shown; once the answer has a message, it stops instead. */
    private boolean showWhileNothingPosted() {
        if (stopped) return false;
        if (!nothingPosted.getAsBoolean()) {
            stop();
            return false;
        }
        show.run();
        return true;
    }

    /** Under the lock. */
    private void scheduleRenewal() {
        renewal.ifPresent(every -> pending = timer.scheduleAtFixedRate(this::renew, every.toMillis(),
                every.toMillis(), TimeUnit.MILLISECONDS));
    }
}
