package dev.askgate.core.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Dollars as whole nano-dollars for budget counters: exact sums in a BIGINT column, and the cheapest token
 * (0.01 USD per million) is still 10 of them.
 */
public final class Usd {
    private static final int NANOS_SCALE = 9;

    private Usd() {
    }

    /** Rounded up, so that a reservation never holds less than the cost it stands for. */
    public static long toNanos(BigDecimal usd) {
        if (usd.signum() < 0) throw new IllegalArgumentException("negative amount of USD");
        return usd.setScale(NANOS_SCALE, RoundingMode.CEILING).unscaledValue().longValueExact();
    }

    public static BigDecimal fromNanos(long nanos) {
        return BigDecimal.valueOf(nanos, NANOS_SCALE);
    }
}
