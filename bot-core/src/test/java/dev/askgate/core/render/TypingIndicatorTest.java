package dev.askgate.core.render;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class TypingIndicatorTest {
    private final RenewalTimer timer = new RenewalTimer();
    private final AtomicInteger shown = new AtomicInteger();
    private final AtomicBoolean nothingPosted = new AtomicBoolean(true);
    private final TypingIndicator typing = new TypingIndicator(shown::incrementAndGet, nothingPosted::get,
            Optional.of(Duration.ofSeconds(8)), timer);

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    @Test
    void typingIsRenewedWhileTheAnswersWordsWaitForRoomAndEndsWithItsFirstMessage() {
        typing.start();
        timer.renewal.run(); // the words have come, but no message yet: the channel's budget has no room
        timer.renewal.run();
        assertThat(shown).hasValue(3);

        nothingPosted.set(false);
        timer.renewal.run();
        timer.renewal.run();

        assertThat(shown).hasValue(3);
        assertThat(timer.renewing.isCancelled()).isTrue();
    }

    @Test
    void aStoppedIndicatorIsNotRenewed() {
        typing.start();
        typing.stop();

        timer.renewal.run(); // a renewal that had already begun when the work ended

        assertThat(shown).hasValue(1);
    }

    /** Keeps the renewal for the test to run, and schedules nothing of its own. */
    private static final class RenewalTimer extends ScheduledThreadPoolExecutor {
        Runnable renewal;
        ScheduledFuture<?> renewing;

        RenewalTimer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            renewal = command;
            renewing = schedule(() -> { }, 1, TimeUnit.DAYS);
            return renewing;
        }
    }
}
