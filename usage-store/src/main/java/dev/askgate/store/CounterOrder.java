package dev.askgate.store;

import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;

import java.util.Comparator;
import java.util.function.Function;

/**
 * The one order in which a transaction updates budget counters: by scope, subject and metric, compared in Java.
 * Reserving, settling and reclaiming all lock the counters they touch (PostgreSQL's row locks) in this order, so
 * that no two wait on each other in a cycle; PostgreSQL would break such a deadlock only after its
 * {@code deadlock_timeout} (1 s), with both connections held meanwhile. The database's own {@code ORDER BY} is no
 * substitute: it sorts the stored names of scopes and metrics, and subjects by its collation.
 */
final class CounterOrder {
    private CounterOrder() {
    }

    static <T> Comparator<T> of(Function<T, BudgetScope> scope, Function<T, String> subject,
                                Function<T, BudgetMetric> metric) {
        return Comparator.comparing(scope).thenComparing(subject).thenComparing(metric);
    }
}
