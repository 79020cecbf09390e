package dev.askgate.bench;

import java.util.List;
import java.util.Objects;

/** What one run of a case measured: a title line (the shape of the load) and rows of measure, value and goal. */
public record BenchResult(String caseName, String shape, List<Row> rows) {
    public BenchResult {
        Objects.requireNonNull(caseName, "caseName");
        Objects.requireNonNull(shape, "shape");
        rows = List.copyOf(rows);
    }

    /** One measure; {@code goal} empty when the row only informs, {@code met} then true. */
    public record Row(String measure, String value, String goal, boolean met) {
        public static Row info(String measure, String value) {
            return new Row(measure, value, "", true);
        }
    }

    /**
     * A short (smoke) run keeps the full run's goals for the rows whose measure starts with {@code prefix}, but
     * reports them without judging: a handful of samples proves nothing about a percentile.
     */
    public BenchResult judgedOnlyWhen(boolean fullRun, String prefix) {
        if (fullRun) return this;
        return new BenchResult(caseName, shape, rows.stream().map(r -> r.measure().startsWith(prefix) && !r.goal().isEmpty()
                ? new Row(r.measure(), r.value(), r.goal() + " (full run only)", true) : r).toList());
    }

    /** Whether every goal was met. */
    public boolean passed() {
        return rows.stream().allMatch(Row::met);
    }

    /** The row named {@code measure}. */
    public Row row(String measure) {
        return rows.stream().filter(r -> r.measure().equals(measure)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no row " + measure));
    }
}
