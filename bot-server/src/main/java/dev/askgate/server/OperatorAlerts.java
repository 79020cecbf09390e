package dev.askgate.server;

import dev.askgate.core.alert.AlertChannel;
import dev.askgate.core.metrics.AskgateMetrics;
import dev.askgate.core.metrics.ErrorCategory;
import dev.askgate.core.usage.BudgetCharge;
import dev.askgate.core.usage.BudgetLimit;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.Budgets;
import dev.askgate.core.usage.ReportGrouping;
import dev.askgate.core.usage.ReportLine;
import dev.askgate.core.usage.Usd;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.core.usage.UsageStoreException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Looks for what the operator who pays the bill must hear about at once: a spend spike, the global budget past
 * 80 % and 100 %, the key rejected (401) or out of quota. Each condition is told once per hour through
 * {@link AlertGate}, however many requests meet it. Run {@link #check} every minute.
 */
final class OperatorAlerts {
    private static final int HOURS_IN_WEEK = 7 * 24;
    private static final BigDecimal WARN_SHARE = new BigDecimal("0.8");

    private final AlertsConfig config;
    private final UsageStore store;
    private final Budgets budgets;
    private final AskgateMetrics metrics;
    private final AlertGate gate;
    private final Clock clock;
    private long keyRejectionsSeen;
    private long quotaFailuresSeen;

    OperatorAlerts(AlertsConfig config, UsageStore store, Budgets budgets, AskgateMetrics metrics,
                   List<AlertChannel> channels, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.gate = new AlertGate(channels, clock);
        this.keyRejectionsSeen = metrics.modelErrorCount(ErrorCategory.INVALID_KEY);
        this.quotaFailuresSeen = metrics.modelErrorCount(ErrorCategory.QUOTA_EXCEEDED);
    }

    /** Runs {@link #check} on {@code timer} every {@code interval}. */
    void runEvery(ScheduledExecutorService timer, Duration interval) {
        timer.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Looks at every condition once. A store that cannot be read skips the spend checks this time. */
    void check() {
        keyFailures();
        try {
            spike();
            globalBudget();
        } catch (UsageStoreException e) {
            gate.storeUnreadable(e);
        }
    }

    private void keyFailures() {
        long rejections = metrics.modelErrorCount(ErrorCategory.INVALID_KEY);
        if (rejections > keyRejectionsSeen) {
            gate.fire("key_rejected", "Askgate: OpenAI rejected the API key (401): every question fails until the"
                    + " key is replaced. Rejected calls since the last alert: " + (rejections - keyRejectionsSeen));
        }
        keyRejectionsSeen = rejections;
        long quota = metrics.modelErrorCount(ErrorCategory.QUOTA_EXCEEDED);
        if (quota > quotaFailuresSeen) {
            gate.fire("out_of_quota", "Askgate: OpenAI says the key is out of quota (429 insufficient_quota):"
                    + " questions fail until credit is added or the project's limit is raised.");
        }
        quotaFailuresSeen = quota;
    }

    private void spike() {
        Instant now = clock.instant();
        BigDecimal lastHour = spent(now.minus(Duration.ofHours(1)));
        BigDecimal weekBefore = spent(now.minus(Duration.ofHours(HOURS_IN_WEEK + 1))).subtract(lastHour);
        BigDecimal hourly = weekBefore.max(BigDecimal.ZERO).divide(BigDecimal.valueOf(HOURS_IN_WEEK), 9,
                RoundingMode.HALF_UP);
        if (lastHour.compareTo(config.minUsdPerHour()) < 0) return;
        if (lastHour.compareTo(hourly.multiply(config.spikeFactor())) <= 0) return;
        gate.fire("spend_spike", "Askgate spend spike: " + dollars(lastHour) + " in the last hour, against a"
                + " 7-day hourly average of " + dollars(hourly) + " (alerts.spike_factor " + config.spikeFactor()
                + ", alerts.min_usd_per_hour " + dollars(config.minUsdPerHour()) + ").");
    }

    private BigDecimal spent(Instant since) {
        return store.report(ReportGrouping.MODEL, since).stream().map(ReportLine::costUsd)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private void globalBudget() {
        Instant now = clock.instant();
        for (BudgetLimit limit : budgets.limits()) {
            if (limit.scope() != BudgetScope.GLOBAL || !limit.metric().isMoney() || limit.limit() == 0) continue;
            long used = store.used(BudgetScope.GLOBAL, limit.metric(), BudgetCharge.GLOBAL_SUBJECT);
            BigDecimal share = BigDecimal.valueOf(used).divide(BigDecimal.valueOf(limit.limit()), 4, RoundingMode.DOWN);
            String resets = " It resets at " + limit.metric().period().end(now) + ".";
            // What the budget counts: settled calls and the worst cases held for calls still running, which is
            // what refuses the next question, though the money held may yet be given back.
            String spent = dollars(Usd.fromNanos(used)) + " of " + limit.path() + " " + dollars(Usd.fromNanos(limit.limit()))
                    + " spent or held for answers in progress";
            if (share.compareTo(BigDecimal.ONE) >= 0) {
                gate.fire(limit.path() + " 100%", "Askgate global budget reached: " + spent
                        + "; questions under it are refused." + resets);
            } else if (share.compareTo(WARN_SHARE) >= 0) {
                gate.fire(limit.path() + " 80%", "Askgate global budget past 80%: " + spent + " ("
                        + share.movePointRight(2).setScale(0, RoundingMode.DOWN) + "%)." + resets);
            }
        }
    }

    private static String dollars(BigDecimal usd) {
        return "$" + usd.setScale(usd.compareTo(BigDecimal.ONE) >= 0 ? 2 : 4, RoundingMode.HALF_UP).toPlainString();
    }
}
