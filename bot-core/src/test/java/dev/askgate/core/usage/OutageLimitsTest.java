package dev.askgate.core.usage;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutageLimitsTest {
    private static final BudgetLimit PER_MINUTE = new BudgetLimit(BudgetScope.USER, BudgetMetric.REQUESTS_PER_MINUTE, 2);
    private static final BudgetLimit CONCURRENT = new BudgetLimit(BudgetScope.USER, BudgetMetric.CONCURRENT, 1);
    private static final Instant NOON = Instant.parse("2026-12-02T12:00:10Z");
    private final OutageLimits limits = new OutageLimits();

    private static List<BudgetCharge> charges(BudgetLimit limit, String subject) {
        return List.of(new BudgetCharge(limit, subject, 1));
    }

    @Test
    void requestsPerMinuteAreCountedPerSubjectAndWholeAgainWhenTheMinuteTurns() {
        assertThat(limits.reserve(charges(PER_MINUTE, "slack:T1:U1"), NOON)).isInstanceOf(OutageLimits.Result.Held.class);
        assertThat(limits.reserve(charges(PER_MINUTE, "slack:T1:U1"), NOON)).isInstanceOf(OutageLimits.Result.Held.class);
        assertThat(limits.reserve(charges(PER_MINUTE, "slack:T1:U1"), NOON.plusSeconds(40)))
                .isEqualTo(new OutageLimits.Result.Refused(PER_MINUTE, 2, Instant.parse("2026-12-02T12:01:00Z")));
        assertThat(limits.reserve(charges(PER_MINUTE, "slack:T1:U2"), NOON)).as("another user")
                .isInstanceOf(OutageLimits.Result.Held.class);
        assertThat(limits.reserve(charges(PER_MINUTE, "slack:T1:U1"), NOON.plusSeconds(50)))
                .as("the next minute").isInstanceOf(OutageLimits.Result.Held.class);
    }

    @Test
    void aConcurrentCallHoldsItsPlaceUntilReleasedAndReleasingTwiceFreesOnePlace() {
        var first = (OutageLimits.Result.Held) limits.reserve(charges(CONCURRENT, "u"), NOON);
        assertThat(limits.reserve(charges(CONCURRENT, "u"), NOON)).isInstanceOf(OutageLimits.Result.Refused.class);
        first.hold().release();
        first.hold().release();
        var second = (OutageLimits.Result.Held) limits.reserve(charges(CONCURRENT, "u"), NOON);
        assertThat(limits.reserve(charges(CONCURRENT, "u"), NOON)).isInstanceOf(OutageLimits.Result.Refused.class);
        second.hold().release();
    }

    @Test
    void aRefusalCountsNothingForTheOtherLimitsOfTheSameCall() {
        var held = (OutageLimits.Result.Held) limits.reserve(charges(CONCURRENT, "u"), NOON);
        List<BudgetCharge> both = List.of(new BudgetCharge(PER_MINUTE, "u", 1), new BudgetCharge(CONCURRENT, "u", 1));
        assertThat(limits.reserve(both, NOON)).isInstanceOf(OutageLimits.Result.Refused.class);
        assertThat(limits.reserve(both, NOON)).isInstanceOf(OutageLimits.Result.Refused.class);
        held.hold().release();
        assertThat(limits.reserve(both, NOON)).as("the per-minute count was never touched by the refusals")
                .isInstanceOf(OutageLimits.Result.Held.class);
    }
}
