package dev.askgate.core.usage;

import dev.askgate.core.Usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Prices per model and the cost of a call. Shipped defaults cover the current OpenAI models; the operator's
 * {@code prices:} override or add with {@link #with}. Prices change, so they live here as data, not in code paths.
 */
public final class PriceTable {
    /** A prompt longer than this is billed at the long-context rates for the whole request. */
    public static final int LONG_CONTEXT_PROMPT_TOKENS = 272_000;
    private static final BigDecimal LONG_INPUT_FACTOR = new BigDecimal("2");
    private static final BigDecimal LONG_OUTPUT_FACTOR = new BigDecimal("1.5");
    private static final BigDecimal MILLION = new BigDecimal(1_000_000);
    /** Nano-dollars: the cheapest token (0.01 USD per million) is 10 of them. */
    public static final int SCALE = 9;

    private final Map<String, ModelPrice> prices;

    private PriceTable(Map<String, ModelPrice> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** OpenAI's list prices of 2026-12-01 (USD per 1M tokens: input / cached input / output). */
    public static PriceTable defaults() {
        return new PriceTable(Map.of(
                "gpt-6-luna", ModelPrice.listed("0.10", "0.01", "0.50"),
                "gpt-6.1-terra", ModelPrice.listed("1.00", "0.05", "5.00"),
                "gpt-6.1-sol", ModelPrice.listed("2.00", "0.10", "10.00"),
                "gpt-6-astra", ModelPrice.listed("10.00", "1.00", "50.00")));
    }

    public static PriceTable empty() {
        return new PriceTable(Map.of());
    }

    /** This table with {@code model}'s price set (overriding a default, or added). */
    public PriceTable with(String model, ModelPrice price) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(price, "price");
        Map<String, ModelPrice> next = new HashMap<>(prices);
        next.put(model, price);
        return new PriceTable(next);
    }

    /**
     * The price of {@code model}: its own entry, else that of the longest listed name it extends with a dash
     * (a dated snapshot such as {@code gpt-6-luna-2026-10-01} costs what {@code gpt-6-luna} costs).
     */
    public Optional<ModelPrice> price(String model) {
        ModelPrice exact = prices.get(model);
        if (exact != null) return Optional.of(exact);
        String best = null;
        for (String name : prices.keySet()) {
            if (model.startsWith(name + "-") && (best == null || name.length() > best.length())) best = name;
        }
        return Optional.ofNullable(best).map(prices::get);
    }

    public boolean hasPrice(String model) {
        return price(model).isPresent();
    }

    /** What {@code usage} on {@code model} costs in USD, or empty when the model has no price. */
    public Optional<BigDecimal> cost(String model, Usage usage) {
        return price(model).map(price -> cost(price, usage));
    }

    /**
     * The most a call of {@code promptTokens} with an output cap of {@code outputCap} can cost at {@code price}:
     * the endpoint, not Askgate, decides which prompt tokens are cache reads or writes, so every prompt token is
     * priced at the dearer of input and cache write (writes cost 1.25x input on OpenAI's list), and the whole cap.
     */
    public static BigDecimal worstCase(ModelPrice price, int promptTokens, int outputCap) {
        boolean writesDearer = price.cacheWrite().compareTo(price.input()) > 0;
        return cost(price, new Usage(promptTokens, 0, writesDearer ? promptTokens : 0, outputCap, 0, false));
    }

    /**
     * The cost at {@code price}: uncached prompt tokens at input, cached at cached input, cache writes at the
     * cache-write price, completion (which includes reasoning) at output. Over {@link #LONG_CONTEXT_PROMPT_TOKENS}
     * every input-side price doubles and output is 1.5x, for the whole request.
     */
    public static BigDecimal cost(ModelPrice price, Usage usage) {
        boolean longContext = usage.promptTokens() > LONG_CONTEXT_PROMPT_TOKENS;
        BigDecimal inFactor = longContext ? LONG_INPUT_FACTOR : BigDecimal.ONE;
        BigDecimal outFactor = longContext ? LONG_OUTPUT_FACTOR : BigDecimal.ONE;
        long uncached = Math.max(0L, (long) usage.promptTokens() - usage.cachedTokens() - usage.cacheWriteTokens());
        BigDecimal input = price.input().multiply(BigDecimal.valueOf(uncached))
                .add(price.cachedInput().multiply(BigDecimal.valueOf(usage.cachedTokens())))
                .add(price.cacheWrite().multiply(BigDecimal.valueOf(usage.cacheWriteTokens())))
                .multiply(inFactor);
        BigDecimal output = price.output().multiply(BigDecimal.valueOf(usage.completionTokens())).multiply(outFactor);
        return input.add(output).divide(MILLION, SCALE, RoundingMode.HALF_UP);
    }
}
