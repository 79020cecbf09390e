package dev.askgate.discord;

import dev.askgate.core.ReplySink;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps Discord's typing indicator up until the first words appear: the reply shows it when work begins
 * ({@code MessageTarget.typing}), and this renews it every 8 s (Discord shows it for about 10 s) while a slow
 * model is still thinking.
 */
final class TypingSink implements ReplySink {
    private static final long RENEW_SECONDS = 8;

    private final ReplySink next;
    private final Runnable renew;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> renewal;
    private boolean stopped;

    TypingSink(ReplySink next, Runnable renew, ScheduledExecutorService timer) {
        this.next = Objects.requireNonNull(next, "next");
        this.renew = Objects.requireNonNull(renew, "renew");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    @Override
    public synchronized void started() {
        if (stopped || renewal != null) return;
        next.started();
        renewal = timer.scheduleAtFixedRate(renew, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void delta(String text) {
        stop();
        next.delta(text);
    }

    /** No more typing: the answer is showing, or the work has ended. */
    synchronized void stop() {
        stopped = true;
        if (renewal != null) renewal.cancel(false);
    }
}
