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
 * Keeps a platform's typing indicator up from the moment the question is accepted until the answer's first message
 * is posted (Discord shows it for about 10 s; it is renewed while the model is still thinking, and while words that
 * have come wait for room in the channel's edit budget). A platform without one renews nothing.
 */
final class TypingIndicator {
    private final Runnable show;
    private final BooleanSupplier nothingPosted;
    private final Optional<Duration> renewal;
    private final ScheduledExecutorService timer;
    // Not synchronized: start() runs on the answer's virtual thread, and a lock held there must not pin it.
    private final ReentrantLock lock = new ReentrantLock();
    private ScheduledFuture<?> renewing;
    private boolean stopped;

    /** @param nothingPosted whether the answer has no message yet: a renewal once it has one stops the renewing */
    TypingIndicator(Runnable show, BooleanSupplier nothingPosted, Optional<Duration> renewal,
                    ScheduledExecutorService timer) {
        this.show = Objects.requireNonNull(show, "show");
        this.nothingPosted = Objects.requireNonNull(nothingPosted, "nothingPosted");
        this.renewal = Objects.requireNonNull(renewal, "renewal");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /** Shows the indicator and schedules its renewal; a timer that refuses the schedule throws. */
    void start() {
        lock.lock();
        try {
            if (stopped || renewing != null) return;
            show.run();
            if (renewal.isPresent()) {
                long every = renewal.get().toMillis();
                renewing = timer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
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
            if (renewing != null) renewing.cancel(false);
        } finally {
            lock.unlock();
        }
    }

    /** Shows it again while the answer has no message; the message itself ends the indicator on the platform. */
    private void renew() {
        lock.lock();
        try {
            if (stopped) return;
            if (nothingPosted.getAsBoolean()) show.run(); else stop();
        } finally {
            lock.unlock();
        }
    }
}
