package dev.askgate.server;

import dev.askgate.core.usage.BudgetLimit;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.Budgets;
import dev.askgate.core.usage.PriceTable;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the {@code ASKGATE_CONFIG} file says about spend: prices (the shipped defaults with the file's on top),
 * limits, admins ({@code slack:U0123ABCD}, {@code discord:1234…}), alerts and per-workspace keys (as written, and
 * made ready to open: {@code keySources}).
 * {@code fromFile} is false when no file is named: then the only limit is two concurrent questions per user.
 */
public record SpendConfig(PriceTable prices, Budgets budgets, Set<String> admins, AlertsConfig alerts,
                          List<WorkspaceKey> keys, List<PlaceKey> keySources, boolean fromFile) {
    public static final Budgets DEFAULT_BUDGETS = new Budgets(List.of(
            new BudgetLimit(BudgetScope.USER, BudgetMetric.CONCURRENT, 2)));

    public SpendConfig {
        Objects.requireNonNull(prices, "prices");
        Objects.requireNonNull(budgets, "budgets");
        admins = Set.copyOf(admins);
        Objects.requireNonNull(alerts, "alerts");
        keys = List.copyOf(keys);
        keySources = List.copyOf(keySources);
    }

    /** Without a file. */
    public static SpendConfig defaults() {
        return new SpendConfig(PriceTable.defaults(), DEFAULT_BUDGETS, Set.of(), AlertsConfig.DEFAULTS, List.of(), List.of(),
                false);
    }
}
