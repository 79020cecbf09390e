package dev.askgate.slack;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class SlackStreamGateTest {
    private final MovingClock clock = new MovingClock();

    /** Time that moves only when the test says. */
    private static final class MovingClock extends Clock {
        private Instant now = Instant.parse("2026-12-02T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override public Instant instant() { return now; }
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
    }

    @Test
    void editsNeverStream() {
        SlackStreamGate gate = new SlackStreamGate(SlackConfig.Streaming.EDITS, clock);

        assertThat(gate.streams()).isFalse();
        assertThat(gate.mayStart("slack:T1")).isFalse();
    }

    @Test
    void aSpentStartBudgetSaysNoUntilItsWindowHasPassed() {
        SlackStreamGate gate = new SlackStreamGate(SlackConfig.Streaming.NATIVE, 2, clock);

        assertThat(gate.mayStart("slack:T1")).isTrue();
        assertThat(gate.mayStart("slack:T1")).isTrue();
        assertThat(gate.mayStart("slack:T1")).isFalse();
        assertThat(gate.mayStart("slack:T2")).as("another workspace has its own budget").isTrue();
        clock.advance(SlackStreamGate.START_WINDOW);
        assertThat(gate.mayStart("slack:T1")).isTrue();
    }

    @Test
    void autoRemembersAWorkspaceThatRefusesStreamingForGoodForAWhile() {
        SlackStreamGate gate = new SlackStreamGate(SlackConfig.Streaming.AUTO, clock);
        gate.refused("slack:T1", "unknown_method");

        assertThat(gate.mayStart("slack:T1")).isFalse();
        assertThat(gate.mayStart("slack:T2")).isTrue();
        clock.advance(SlackStreamGate.EDITS_ONLY_FOR.plusSeconds(1));
        assertThat(gate.mayStart("slack:T1")).isTrue();
    }

    @Test
    void nativeAlwaysTriesAgainAfterAPermanentRefusal() {
        SlackStreamGate gate = new SlackStreamGate(SlackConfig.Streaming.NATIVE, clock);
        gate.refused("slack:T1", "unknown_method");

        assertThat(gate.mayStart("slack:T1")).isTrue();
    }

    @Test
    void aRateLimitedStartPausesStartsBrieflyAndAnOrdinaryRefusalDoesNot() {
        SlackStreamGate gate = new SlackStreamGate(SlackConfig.Streaming.AUTO, clock);
        gate.refused("slack:T1", "missing_recipient_user_id");
        assertThat(gate.mayStart("slack:T1")).isTrue();

        gate.refused("slack:T1", "ratelimited");
        assertThat(gate.mayStart("slack:T1")).isFalse();
        clock.advance(SlackStreamGate.AFTER_RATE_LIMIT.plus(Duration.ofMillis(1)));
        assertThat(gate.mayStart("slack:T1")).isTrue();
    }
}
