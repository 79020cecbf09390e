package dev.askgate.core.usage;

import java.math.BigDecimal;
import java.util.Objects;

/** A model's prices in USD per million tokens: input, cached input, cache writes and output (reasoning is output). */
public record ModelPrice(BigDecimal input, BigDecimal cachedInput, BigDecimal cacheWrite, BigDecimal output) {
    /** OpenAI bills a cache write at 1.25 times the input price. */
    static final BigDecimal CACHE_WRITE_FACTOR = new BigDecimal("1.25");
    public static final ModelPrice FREE = new ModelPrice(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    public ModelPrice {
        input = notNegative("input", input);
        cachedInput = notNegative("cached_input", cachedInput);
        cacheWrite = notNegative("cache_write", cacheWrite);
        output = notNegative("output", output);
    }

    /** A price list as OpenAI publishes it (input, cached input, output); cache writes at 1.25x input. */
    public static ModelPrice listed(String input, String cachedInput, String output) {
        BigDecimal in = new BigDecimal(input);
        return new ModelPrice(in, new BigDecimal(cachedInput), in.multiply(CACHE_WRITE_FACTOR), new BigDecimal(output));
    }

    private static BigDecimal notNegative(String name, BigDecimal value) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) throw new IllegalArgumentException(name + " price is negative");
        return value;
    }
}
