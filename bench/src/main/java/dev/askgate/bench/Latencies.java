package dev.askgate.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Measured times in milliseconds, sorted, with the nearest-rank percentiles the tables print. */
record Latencies(List<Double> millis) {
    Latencies {
        List<Double> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        millis = List.copyOf(sorted);
    }

    int count() {
        return millis.size();
    }

    /** The nearest-rank percentile {@code p} (0–100); 0 when nothing was measured. */
    double percentile(double p) {
        if (millis.isEmpty()) return 0;
        int rank = (int) Math.ceil(p / 100.0 * millis.size());
        return millis.get(Math.max(0, Math.min(millis.size() - 1, rank - 1)));
    }

    double p50() { return percentile(50); }

    double p95() { return percentile(95); }

    double p99() { return percentile(99); }

    double max() { return millis.isEmpty() ? 0 : millis.getLast(); }

    /** Every value minus {@code millis} (the fake model's own time), never below zero. */
    Latencies minus(double subtracted) {
        return new Latencies(millis.stream().map(m -> Math.max(0, m - subtracted)).toList());
    }

    static String ms(double millis) {
        return millis >= 10_000 ? String.format("%.1f s", millis / 1000) : String.format("%.1f ms", millis);
    }

    /** "p50 / p95 / max" in one cell. */
    String summary() {
        return ms(p50()) + " / " + ms(p95()) + " / " + ms(max());
    }
}
