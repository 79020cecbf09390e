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
