package dev.askgate.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askgate.core.usage.ModelPrice;
import dev.askgate.core.usage.PriceTable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code prices: {MODEL: {input, cached_input, cache_write, output}}} in USD per million tokens, over the shipped
 * defaults. {@code input} and {@code output} are needed; cached input defaults to the input price (no discount
 * assumed) and cache writes to 1.25 times it, as OpenAI bills them.
 */
final class PriceSection {
    private static final List<String> FIELDS = List.of("input", "cached_input", "cache_write", "output");
    private static final BigDecimal CACHE_WRITE_FACTOR = new BigDecimal("1.25");

    private final ConfigNodes nodes;

    PriceSection(ConfigNodes nodes) {
        this.nodes = nodes;
    }

    PriceTable read(JsonNode prices) {
        PriceTable table = PriceTable.defaults();
        if (!nodes.mapping(prices, "prices")) return table;
        List<String> models = new ArrayList<>();
        prices.fieldNames().forEachRemaining(models::add);
        for (String model : models) {
            Optional<ModelPrice> price = price(prices.get(model), "prices." + model);
            if (price.isPresent()) table = table.with(model, price.get());
        }
        return table;
    }

    private Optional<ModelPrice> price(JsonNode node, String path) {
        if (!node.isObject()) {
            // A bare number would be ambiguous: input, output, or both?
            nodes.problem(path + " must be a mapping of " + String.join(", ", FIELDS) + " (USD per 1M tokens)");
            return Optional.empty();
        }
        nodes.onlyKnown(node, path, FIELDS);
        Optional<BigDecimal> input = nodes.amount(node.path("input"), path + ".input");
        Optional<BigDecimal> output = nodes.amount(node.path("output"), path + ".output");
        Optional<BigDecimal> cached = nodes.amount(node.path("cached_input"), path + ".cached_input");
        Optional<BigDecimal> write = nodes.amount(node.path("cache_write"), path + ".cache_write");
        if (ConfigNodes.absent(node.path("input")) || ConfigNodes.absent(node.path("output"))) {
            nodes.problem(path + " needs input and output (0 for a free local model)");
            return Optional.empty();
        }
        if (input.isEmpty() || output.isEmpty()) return Optional.empty();
        return Optional.of(new ModelPrice(input.get(), cached.orElse(input.get()),
                write.orElse(input.get().multiply(CACHE_WRITE_FACTOR)), output.get()));
    }
}
