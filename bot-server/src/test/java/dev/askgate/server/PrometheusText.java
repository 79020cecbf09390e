package dev.askgate.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed Prometheus text scrape: each sample by its name and sorted labels, such as {@code a_total{k="v"}}. */
final class PrometheusText {
    private static final Pattern SAMPLE = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)( \\d+)?");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\",?");

    private final Map<String, Double> samples = new LinkedHashMap<>();
    private final Map<String, String> types = new LinkedHashMap<>();
    private final List<String> labelValues = new ArrayList<>();

    PrometheusText(String scrape) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                Matcher m = SAMPLE.matcher(line);
                if (!m.matches()) throw new AssertionError("not a Prometheus sample line: " + line);
                samples.put(key(m.group(1), labels(m.group(3))), Double.parseDouble(m.group(4)));
            }
        }
    }

    /** The value of {@code name} with exactly {@code labels} ("k", "v", ...), if scraped. */
    Optional<Double> value(String name, String... labels) {
        Map<String, String> wanted = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2) wanted.put(labels[i], labels[i + 1]);
        return Optional.ofNullable(samples.get(key(name, wanted)));
    }

    /** The metric family's type ({@code counter}, {@code gauge}, {@code histogram}), by its base name. */
    Optional<String> type(String family) {
        return Optional.ofNullable(types.get(family));
    }

    /** Every label value of every sample. */
    List<String> labelValues() {
        return labelValues;
    }

    List<String> sampleNames() {
        return samples.keySet().stream().map(k -> k.replaceAll("\\{.*", "")).distinct().toList();
    }

    private Map<String, String> labels(String text) {
        Map<String, String> labels = new TreeMap<>();
        if (text == null) return labels;
        Matcher m = LABEL.matcher(text);
        while (m.find()) {
            labels.put(m.group(1), m.group(2));
            labelValues.add(m.group(2));
        }
        return labels;
    }

    private static String key(String name, Map<String, String> labels) {
        return labels.isEmpty() ? name : name + labels;
    }
}
