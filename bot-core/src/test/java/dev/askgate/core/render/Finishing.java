package dev.askgate.core.render;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.testing.ManualScheduler;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Finishing a reply whose renderer waits on a {@link ManualScheduler}: time moves only as the test says. */
final class Finishing {
    /** Long enough for a renderer that waits for no booked time; a test that waits this long has failed. */
    static final Duration AT_ONCE = Duration.ofSeconds(10);

    private Finishing() {
    }

    /** A reply on {@code scheduler}'s time, watched so that the scheduler moves time only once it has settled. */
    static StreamingReply watched(StreamingReply reply, ManualScheduler scheduler) {
        scheduler.watch(reply::settled);
        return reply;
    }

    /** Ends the reply and says how its final messages stand once its renderer has settled, time not moved. */
    static FinishResult settledAfter(StreamingReply reply, ManualScheduler scheduler, ChatOutcome outcome,
                                     String note) {
        reply.finish(outcome, note, Duration.ZERO);
        scheduler.settle();
        return reply.await(Duration.ZERO);
    }

    /** Ends the reply, moving time to each booked slot its final messages wait for, until they are made or refused. */
    static FinishResult inTime(StreamingReply reply, ManualScheduler scheduler, ChatOutcome outcome, String note) {
        FinishResult result = settledAfter(reply, scheduler, outcome, note);
        while (result instanceof FinishResult.StillWaiting) {
            assertThat(scheduler.pending()).as("a final message waits for nothing scheduled").isPositive();
            scheduler.advance(scheduler.nextDelay());
            result = reply.await(Duration.ZERO);
        }
        return result;
    }

    /** As {@link #inTime}, and the final messages must have been made. */
    static void shown(StreamingReply reply, ManualScheduler scheduler, ChatOutcome outcome, String note) {
        assertThat(inTime(reply, scheduler, outcome, note)).isInstanceOf(FinishResult.Shown.class);
    }
}
