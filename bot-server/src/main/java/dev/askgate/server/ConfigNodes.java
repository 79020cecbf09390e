package dev.askgate.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Typed reads of the config file's nodes, each problem said with the key's path; absent keys are not problems. */
final class ConfigNodes {
    private final Consumer<String> problems;

    ConfigNodes(Consumer<String> problems) {
        this.problems = problems;
    }

    void problem(String line) {
        problems.accept(line);
    }

    static boolean absent(JsonNode node) {
        return node.isMissingNode() || node.isNull();
    }

    /** True when {@code node} is a mapping to read; absent is false without a problem, another type a problem. */
    boolean mapping(JsonNode node, String path) {
        if (absent(node)) return false;
        if (node.isObject()) return true;
        problem(path + " must be a mapping");
        return false;
    }

    /** Every key of {@code node} that is not in {@code known} is a problem naming its path. */
    void onlyKnown(JsonNode node, String path, List<String> known) {
        if (!node.isObject()) return;
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) unknown.add(name);
        });
        for (String name : unknown) {
            problem("unknown key " + (path.isEmpty() ? "" : path + ".") + name + " (known here: "
                    + String.join(", ", known) + ")");
        }
    }

    /** A decimal of at least 0. */
    Optional<BigDecimal> amount(JsonNode node, String path) {
        if (absent(node)) return Optional.empty();
        if (!node.isNumber() || node.decimalValue().signum() < 0) {
            problem(path + " must be a number, 0 or more");
            return Optional.empty();
        }
        return Optional.of(node.decimalValue());
    }

    /** A whole number of at least 1. */
    Optional<Long> count(JsonNode node, String path) {
        if (absent(node)) return Optional.empty();
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1) {
            problem(path + " must be a whole number, 1 or more");
            return Optional.empty();
        }
        return Optional.of(node.longValue());
    }

    Optional<String> text(JsonNode node, String path) {
        if (absent(node)) return Optional.empty();
        if (!node.isValueNode() || node.asText().isBlank()) {
            problem(path + " must be a non-empty text");
            return Optional.empty();
        }
        return Optional.of(node.asText().strip());
    }
}
