package dev.askgate.discord;

import dev.askgate.core.ReplySink;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Shows Discord's typing indicator from the moment work begins until the first words appear, renewing it
 * every 8 s (Discord shows it for about 10 s) while a slow model is still thinking.
 */
final class TypingSink implements ReplySink {
    private static final long RENEW_SECONDS = 8;

    private final ReplySink next;
    private final Runnable typing;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> renewal;
    private boolean stopped;

    TypingSink(ReplySink next, Runnable typing, ScheduledExecutorService timer) {
        this.next = Objects.requireNonNull(next, "next");
        this.typing = Objects.requireNonNull(typing, "typing");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    @Override
    public synchronized void started() {
        if (stopped || renewal != null) return;
        typing.run();
        renewal = timer.scheduleAtFixedRate(typing, RENEW_SECONDS, RENEW_SECONDS, TimeUnit.SECONDS);
        next.started();
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
