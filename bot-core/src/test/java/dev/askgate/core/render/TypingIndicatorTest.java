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
    private static final Duration GRACE = Duration.ofMillis(500);
    private final TestTimer timer = new TestTimer();
    private final AtomicInteger shown = new AtomicInteger();
    private final AtomicBoolean nothingPosted = new AtomicBoolean(true);
    private final TypingIndicator typing = new TypingIndicator(shown::incrementAndGet, nothingPosted::get, GRACE,
            Optional.of(Duration.ofSeconds(8)), timer);

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    @Test
    void typingFirstShowsAfterTheGraceThenIsRenewedWhileTheWordsWaitForRoomAndEndsWithTheFirstMessage() {
        typing.start();
        assertThat(shown).as("nothing during the grace period").hasValue(0);
        assertThat(timer.firstDelay).isEqualTo(GRACE.toMillis());

        timer.first.run();
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
    void anAnswerWhoseFirstMessageCameWithinTheGraceShowsNoTypingAtAll() {
        typing.start();
        nothingPosted.set(false);

        timer.first.run();

        assertThat(shown).hasValue(0);
        assertThat(timer.renewal).as("nothing renewed").isNull();
    }

    @Test
    void workThatEndsWithinTheGraceCancelsTheFirstShowing() {
        typing.start();
        typing.stop();

        assertThat(timer.firstShowing.isCancelled()).isTrue();
        timer.first.run(); // a showing that had already begun when the work ended
        assertThat(shown).hasValue(0);
    }

    @Test
    void aStoppedIndicatorIsNotRenewed() {
        typing.start();
        timer.first.run();
        typing.stop();

        timer.renewal.run(); // a renewal that had already begun when the work ended

        assertThat(shown).hasValue(1);
        assertThat(timer.renewing.isCancelled()).isTrue();
    }

    @Test
    void withoutAGracePeriodItShowsAtOnce() {
        TypingIndicator atOnce = new TypingIndicator(shown::incrementAndGet, nothingPosted::get, Duration.ZERO,
                Optional.empty(), timer);

        atOnce.start();
        atOnce.start();

        assertThat(shown).hasValue(1);
        assertThat(timer.first).as("nothing scheduled").isNull();
    }

    /** Keeps what is scheduled for the test to run, and runs nothing of its own. */
    private static final class TestTimer extends ScheduledThreadPoolExecutor {
        Runnable first;
        long firstDelay;
        ScheduledFuture<?> firstShowing;
        Runnable renewal;
        ScheduledFuture<?> renewing;

        TestTimer() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
            first = command;
            firstDelay = unit.toMillis(delay);
            firstShowing = super.schedule(() -> { }, 1, TimeUnit.DAYS);
            return firstShowing;
        }

        @Override
        public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
            renewal = command;
            renewing = super.schedule(() -> { }, 1, TimeUnit.DAYS);
            return renewing;
        }
    }
}
