package dev.askgate.core.usage;

import java.math.BigDecimal;
import java.util.Objects;

/** One configured limit, such as {@code limits.user.usd_per_day: 1.00}; {@code limit} is in the metric's unit. */
public record BudgetLimit(BudgetScope scope, BudgetMetric metric, long limit) {
    public BudgetLimit {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(metric, "metric");
        if (limit < 0) throw new IllegalArgumentException("limits." + scope.configName() + "." + metric.configName() + " is negative");
    }

    /** A USD limit, given in dollars. */
    public static BudgetLimit usd(BudgetScope scope, BudgetMetric metric, BigDecimal dollars) {
        if (!metric.isMoney()) throw new IllegalArgumentException(metric.configName() + " is not a USD limit");
        return new BudgetLimit(scope, metric, Usd.toNanos(dollars));
    }

    /** The config file's name of this limit: {@code limits.user.usd_per_day}. */
    public String path() {
        return "limits." + scope.configName() + "." + metric.configName();
    }
}
