package dev.askgate.core.usage;

import dev.askgate.core.Caller;
import dev.askgate.core.Platform;
import dev.askgate.core.Usage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The words of {@code /usage}: the asker's own day and month, and what is left under each limit. */
class OwnUsageTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
    private static final Caller ALICE = new Caller(Platform.SLACK, "T1", "C1", "U1");
    private static final Budgets BUDGETS = new Budgets(List.of(
            BudgetLimit.usd(BudgetScope.USER, BudgetMetric.USD_PER_DAY, new BigDecimal("1.00")),
            new BudgetLimit(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, 200_000),
            BudgetLimit.usd(BudgetScope.USER, BudgetMetric.USD_PER_MONTH, new BigDecimal("10.00")),
            new BudgetLimit(BudgetScope.USER, BudgetMetric.CONCURRENT, 2),
            BudgetLimit.usd(BudgetScope.GLOBAL, BudgetMetric.USD_PER_DAY, new BigDecimal("50.00"))));

    @Test
    void theAskerSeesTheirDayAndMonthAndWhatIsLeftUnderEachLimitWithItsReset() {
        var store = new ReadOnlyStore(Map.of(
                Instant.parse("2026-12-02T00:00:00Z"), List.of(
                        line("slack:U2", 9, 9000, 900, "0.900000"),
                        line("slack:U1", 2, 1300, 320, "0.000270")),
                Instant.parse("2026-12-01T00:00:00Z"), List.of(line("slack:U1", 5, 4000, 1000, "0.250000"))),
                Map.of("USER USD_PER_DAY slack:U1", 270_000L, "USER TOKENS_PER_DAY slack:U1", 1620L,
                        "USER USD_PER_MONTH slack:U1", 250_000_000L, "GLOBAL USD_PER_DAY *", 12_500_000_000L));

        String text = new OwnUsage(store, BUDGETS, NOW).describe(ALICE);

        assertThat(text).isEqualTo("""
                **Your usage** (days and months are UTC)
                - Today: 2 questions, 1,620 tokens, $0.0003
                - This month: 5 questions, 5,000 tokens, $0.25

                **Limits**
                - Your $1.00 per day: $0.9997 left, resets at 00:00 UTC
                - Your 200,000 tokens per day: 198,380 tokens left, resets at 00:00 UTC
                - Your $10.00 per month: $9.75 left, resets on 2027-01-01 at 00:00 UTC
                - Everyone's $50.00 per day: $37.50 left, resets at 00:00 UTC""");
        assertThat(text).doesNotContain("U2").doesNotContain("9,900");
    }

    @Test
    void anAdminSeesOnlyTheLimitsThatApplyToThemNotTheUserLimitsTheyAreExemptFrom() {
        var store = new ReadOnlyStore(Map.of(), Map.of("GLOBAL USD_PER_DAY *", 12_500_000_000L));

        String text = new OwnUsage(store, BUDGETS, caller -> caller.equals(ALICE), NOW).describe(ALICE);

        assertThat(text).contains("- Everyone's $50.00 per day: $37.50 left, resets at 00:00 UTC")
                .doesNotContain("Your $1.00").doesNotContain("tokens per day").doesNotContain("per month");
    }

    @Test
    void withoutLimitsItSaysSoAndANewUserHasUsedNothing() {
        var store = new ReadOnlyStore(Map.of(), Map.of());

        assertThat(new OwnUsage(store, Budgets.NONE, NOW).describe(ALICE)).isEqualTo("""
                **Your usage** (days and months are UTC)
                - Today: 0 questions, 0 tokens, $0.00
                - This month: 0 questions, 0 tokens, $0.00

                No spending limits apply to you.""");
    }

    @Test
    void aStoreThatCannotBeReadIsSaidInWords() {
        var store = new ReadOnlyStore(null, Map.of());

        assertThat(new OwnUsage(store, BUDGETS, NOW).describe(ALICE))
                .isEqualTo("Your usage can't be read right now; try again in a minute.");
    }

    private static ReportLine line(String user, long requests, long prompt, long completion, String cost) {
        return new ReportLine(user, requests, prompt, 0, 0, completion, 0, new BigDecimal(cost), 0);
    }

    /** Reports and counters given up front; no reports at all ({@code null}) is a store that is down. */
    private record ReadOnlyStore(Map<Instant, List<ReportLine>> reports, Map<String, Long> counters)
            implements UsageStore {
        @Override
        public List<ReportLine> report(ReportGrouping by, Instant since) {
            if (reports == null) throw new UsageStoreException("FAKE: the store is down");
            assertThat(by).isEqualTo(ReportGrouping.USER);
            return reports.getOrDefault(since, List.of());
        }

        @Override
        public long used(BudgetScope scope, BudgetMetric metric, String subject) {
            return counters.getOrDefault(scope + " " + metric + " " + subject, 0L);
        }

        @Override public void record(LedgerRow row) { throw new UnsupportedOperationException(); }
        @Override public ReserveResult reserve(ReservationRequest request) { throw new UnsupportedOperationException(); }
        @Override public void settle(ReservationId id, Usage usage, BigDecimal costUsd) { throw new UnsupportedOperationException(); }
        @Override public void release(ReservationId id) { throw new UnsupportedOperationException(); }
        @Override public boolean firstSighting(String platform, String eventId) { throw new UnsupportedOperationException(); }
        @Override public void recordFeedback(AnswerFeedback feedback) { throw new UnsupportedOperationException(); }
        @Override public List<FeedbackLine> feedbackReport(Instant since) { throw new UnsupportedOperationException(); }
        @Override public Optional<Instant> oldestRow() { return Optional.empty(); }
        @Override public void resetUser(String subject) { throw new UnsupportedOperationException(); }
        @Override public int prune(Duration age) { throw new UnsupportedOperationException(); }
        @Override public void close() { }
    }
}
