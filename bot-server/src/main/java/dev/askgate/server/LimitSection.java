package dev.askgate.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askgate.core.usage.BudgetLimit;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.Budgets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** {@code limits: {user|channel|workspace|global: {requests_per_minute, concurrent, tokens_per_day, usd_per_day, usd_per_month}}}. */
final class LimitSection {
    private static final List<String> SCOPES = Arrays.stream(BudgetScope.values()).map(BudgetScope::configName).toList();
    private static final List<String> METRICS = Arrays.stream(BudgetMetric.values()).map(BudgetMetric::configName).toList();

    private final ConfigNodes nodes;

    LimitSection(ConfigNodes nodes) {
        this.nodes = nodes;
    }

    Budgets read(JsonNode limits) {
        List<BudgetLimit> read = new ArrayList<>();
        if (!nodes.mapping(limits, "limits")) return Budgets.NONE;
        nodes.onlyKnown(limits, "limits", SCOPES);
        for (BudgetScope scope : BudgetScope.values()) {
            JsonNode node = limits.path(scope.configName());
            String path = "limits." + scope.configName();
            if (!nodes.mapping(node, path)) continue;
            nodes.onlyKnown(node, path, METRICS);
            for (BudgetMetric metric : BudgetMetric.values()) {
                JsonNode value = node.path(metric.configName());
                String at = path + "." + metric.configName();
                if (metric.isMoney()) {
                    nodes.amount(value, at).ifPresent(usd -> read.add(BudgetLimit.usd(scope, metric, usd)));
                } else {
                    nodes.count(value, at).ifPresent(n -> read.add(new BudgetLimit(scope, metric, n)));
                }
            }
        }
        return new Budgets(read);
    }
}
