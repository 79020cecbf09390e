package dev.askgate.core.render;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Refusal;
import dev.askgate.core.usage.BudgetLimit;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A budget refusal says whose limit was hit, how much it is, and when it resets (UTC days and calendar months). */
class BudgetWordingTest {
    private final OutcomeWording words = new OutcomeWording("Ask me.");

    @Test
    void aUsersDailyDollarsSayTheyResetAtMidnightUtc() {
        var limit = BudgetLimit.usd(BudgetScope.USER, BudgetMetric.USD_PER_DAY, new BigDecimal("1.00"));

        assertThat(words.refusal(new Refusal.OverBudget(limit, 999_000_000L, Instant.parse("2026-12-02T00:00:00Z"))))
                .isEqualTo("You have used your $1.00 for today; it resets at 00:00 UTC.");
    }

    @Test
    void aWorkspacesMonthSaysTheDayItResets() {
        var limit = BudgetLimit.usd(BudgetScope.WORKSPACE, BudgetMetric.USD_PER_MONTH, new BigDecimal("300"));

        assertThat(words.refusal(new Refusal.OverBudget(limit, 0, Instant.parse("2027-01-01T00:00:00Z"))))
                .isEqualTo("This workspace has used its $300.00 for this month; it resets on 2027-01-01 at 00:00 UTC.");
    }

    @Test
    void tokensRequestsAndTheGlobalCapHaveTheirOwnWords() {
        Instant minute = Instant.parse("2026-12-01T14:05:00Z");
        assertThat(words.refusal(new Refusal.OverBudget(
                new BudgetLimit(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, 200_000), 0, minute)))
                .isEqualTo("You have used your 200,000 tokens for today; it resets at 14:05 UTC.");
        assertThat(words.refusal(new Refusal.OverBudget(
                new BudgetLimit(BudgetScope.CHANNEL, BudgetMetric.REQUESTS_PER_MINUTE, 10), 0, minute)))
                .isEqualTo("This channel has used its 10 questions for this minute; it resets at 14:05 UTC.");
        assertThat(words.refusal(new Refusal.OverBudget(
                BudgetLimit.usd(BudgetScope.GLOBAL, BudgetMetric.USD_PER_DAY, new BigDecimal("0.005")), 0, minute)))
                .isEqualTo("The bot has used its $0.005 for today; it resets at 14:05 UTC.");
        assertThat(words.refusal(new Refusal.OverBudget(
                new BudgetLimit(BudgetScope.USER, BudgetMetric.CONCURRENT, 2), 2, minute)))
                .isEqualTo("You already have 2 questions being answered; ask again when one of them is done.");
    }

    @Test
    void aStoreThatCannotBeReachedIsSaidPlainly() {
        assertThat(words.note(new ChatOutcome.Refused(new Refusal.SpendingUnknown())))
                .isEqualTo("Spending can't be checked right now; try again in a minute.");
    }
}
