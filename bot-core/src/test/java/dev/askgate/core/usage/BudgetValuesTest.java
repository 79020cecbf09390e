package dev.askgate.core.usage;

import dev.askgate.core.Caller;
import dev.askgate.core.Platform;
import dev.askgate.core.Usage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BudgetValuesTest {
    private static final Instant AT = Instant.parse("2026-12-31T23:59:30Z");

    @Test
    void windowsAreUtcMinutesDaysAndCalendarMonths() {
        assertThat(BudgetPeriod.MINUTE.start(AT)).isEqualTo(Instant.parse("2026-12-31T23:59:00Z"));
        assertThat(BudgetPeriod.MINUTE.end(AT)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(BudgetPeriod.DAY.start(AT)).isEqualTo(Instant.parse("2026-12-31T00:00:00Z"));
        assertThat(BudgetPeriod.DAY.end(AT)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(BudgetPeriod.MONTH.start(AT)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
        assertThat(BudgetPeriod.MONTH.end(Instant.parse("2027-02-10T08:00:00Z"))).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
    }

    @Test
    void limitsKeepTheConfigFilesNames() {
        assertThat(List.of(BudgetMetric.values())).extracting(BudgetMetric::configName)
                .containsExactly("requests_per_minute", "concurrent", "tokens_per_day", "usd_per_day", "usd_per_month");
        assertThat(List.of(BudgetScope.values())).extracting(BudgetScope::configName)
                .containsExactly("user", "channel", "workspace", "global");
        assertThat(BudgetLimit.usd(BudgetScope.USER, BudgetMetric.USD_PER_DAY, new BigDecimal("1.00")))
                .isEqualTo(new BudgetLimit(BudgetScope.USER, BudgetMetric.USD_PER_DAY, 1_000_000_000L))
                .extracting(BudgetLimit::path).isEqualTo("limits.user.usd_per_day");
    }

    @Test
    void aPersonHasOneUserBudgetInEveryWorkspaceAndTheirDirectMessagesWhileTheOtherScopesStayApart() {
        Caller inTeam = new Caller(Platform.SLACK, "T1", "C1", "U1");
        Caller inOtherTeam = new Caller(Platform.SLACK, "T2", "C9", "U1");
        Caller direct = new Caller(Platform.SLACK, "", "D1", "U1");
        Caller discordDirect = new Caller(Platform.DISCORD, "", "D1", "U1");

        assertThat(List.of(inTeam, inOtherTeam, direct)).extracting(caller -> Budgets.subject(BudgetScope.USER, caller))
                .containsOnly("slack:U1");
        assertThat(Budgets.subject(BudgetScope.USER, discordDirect)).as("another platform's id is another person")
                .isEqualTo("discord:U1");
        assertThat(List.of(inTeam, inOtherTeam, direct))
                .extracting(caller -> Budgets.subject(BudgetScope.WORKSPACE, caller))
                .containsExactly("slack:T1", "slack:T2", "slack:");
    }

    @Test
    void dollarsBecomeNanoDollarsRoundedUpSoAHoldIsNeverShort() {
        assertThat(Usd.toNanos(new BigDecimal("0.0000000001"))).isEqualTo(1);
        assertThat(Usd.fromNanos(1_500_000_000L)).isEqualByComparingTo("1.5");
    }

    @Test
    void aCallIsChargedAgainstItsUsersChannelsWorkspacesAndTheGlobalBudgetAndAnAdminSkipsOnlyUserLimits() {
        Budgets budgets = new Budgets(List.of(
                new BudgetLimit(BudgetScope.USER, BudgetMetric.CONCURRENT, 2),
                BudgetLimit.usd(BudgetScope.USER, BudgetMetric.USD_PER_DAY, BigDecimal.ONE),
                new BudgetLimit(BudgetScope.CHANNEL, BudgetMetric.TOKENS_PER_DAY, 100_000),
                BudgetLimit.usd(BudgetScope.WORKSPACE, BudgetMetric.USD_PER_MONTH, new BigDecimal("300")),
                BudgetLimit.usd(BudgetScope.GLOBAL, BudgetMetric.USD_PER_DAY, new BigDecimal("50"))));
        Caller caller = new Caller(Platform.SLACK, "T1", "C1", "U1");

        assertThat(budgets.charges(caller, 5_000, new BigDecimal("0.01"), false))
                .extracting(BudgetCharge::subject, BudgetCharge::amount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("slack:U1", 1L),
                        org.assertj.core.groups.Tuple.tuple("slack:U1", 10_000_000L),
                        org.assertj.core.groups.Tuple.tuple("slack:T1:C1", 5_000L),
                        org.assertj.core.groups.Tuple.tuple("slack:T1", 10_000_000L),
                        org.assertj.core.groups.Tuple.tuple("*", 10_000_000L));
        assertThat(budgets.charges(caller, 5_000, new BigDecimal("0.01"), true))
                .extracting(charge -> charge.limit().scope())
                .containsExactly(BudgetScope.CHANNEL, BudgetScope.WORKSPACE, BudgetScope.GLOBAL);
        assertThat(budgets.countsMoney()).isTrue();
        assertThat(Budgets.NONE.countsMoney()).isFalse();
    }

    @Test
    void aLimitSetTwiceIsRefused() {
        assertThatThrownBy(() -> new Budgets(List.of(new BudgetLimit(BudgetScope.USER, BudgetMetric.CONCURRENT, 2),
                new BudgetLimit(BudgetScope.USER, BudgetMetric.CONCURRENT, 3))))
                .hasMessage("limits.user.concurrent is set twice");
    }

    @Test
    void aFinishedCallIsChargedWhatItUsedAndGivesItsConcurrentSlotBack() {
        Usage usage = new Usage(100, 0, 0, 50, 20, false);
        assertThat(BudgetMetric.TOKENS_PER_DAY.charged(usage, BigDecimal.ONE)).isEqualTo(150);
        assertThat(BudgetMetric.CONCURRENT.charged(usage, BigDecimal.ONE)).isZero();
        assertThat(BudgetMetric.REQUESTS_PER_MINUTE.charged(usage, BigDecimal.ONE)).isEqualTo(1);
        assertThat(BudgetMetric.USD_PER_MONTH.charged(usage, new BigDecimal("0.25"))).isEqualTo(250_000_000L);
    }
}
