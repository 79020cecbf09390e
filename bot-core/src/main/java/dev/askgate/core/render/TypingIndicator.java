package dev.askgate.core.render;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a platform's typing indicator up from the moment the question is accepted until the first words appear
 * (Discord shows it for about 10 s; it is renewed while a slow model is still thinking). A platform without one
 * renews nothing.
 */
final class TypingIndicator {
    private final Runnable show;
    private final Optional<Duration> renewal;
    private final ScheduledExecutorService timer;
    // Not synchronized: start() runs on the answer's virtual thread, and a lock held there must not pin it.
    private final ReentrantLock lock = new ReentrantLock();
    private ScheduledFuture<?> renewing;
    private boolean stopped;

    TypingIndicator(Runnable show, Optional<Duration> renewal, ScheduledExecutorService timer) {
        this.show = Objects.requireNonNull(show, "show");
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
                renewing = timer.scheduleAtFixedRate(show, every, every, TimeUnit.MILLISECONDS);
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
}
