package dev.askgate.core.usage;

import dev.askgate.core.Usage;

import java.math.BigDecimal;

/**
 * What a limit counts, with the names of the config file ({@code requests_per_minute}, ...). Amounts are whole
 * numbers in the metric's unit: requests, calls, tokens, or nano-dollars for the USD limits (see {@link Usd}).
 */
public enum BudgetMetric {
    REQUESTS_PER_MINUTE("requests_per_minute", BudgetPeriod.MINUTE),
    CONCURRENT("concurrent", BudgetPeriod.NONE),
    TOKENS_PER_DAY("tokens_per_day", BudgetPeriod.DAY),
    USD_PER_DAY("usd_per_day", BudgetPeriod.DAY),
    USD_PER_MONTH("usd_per_month", BudgetPeriod.MONTH);

    private final String configName;
    private final BudgetPeriod period;

    BudgetMetric(String configName, BudgetPeriod period) {
        this.configName = configName;
        this.period = period;
    }

    public String configName() {
        return configName;
    }

    public BudgetPeriod period() {
        return period;
    }

    public boolean isMoney() {
        return this == USD_PER_DAY || this == USD_PER_MONTH;
    }

    /** Whether a call's worst case here grows with its tokens: the limits that count tokens or money. */
    public boolean countsTokens() {
        return switch (this) {
            case REQUESTS_PER_MINUTE, CONCURRENT -> false;
            case TOKENS_PER_DAY, USD_PER_DAY, USD_PER_MONTH -> true;
        };
    }

    /** What a call is reserved for before it starts, given its worst case. */
    public long worstCase(long tokens, BigDecimal usd) {
        return switch (this) {
            case REQUESTS_PER_MINUTE, CONCURRENT -> 1;
            case TOKENS_PER_DAY -> tokens;
            case USD_PER_DAY, USD_PER_MONTH -> Usd.toNanos(usd);
        };
    }

    /** What a finished call is charged: a concurrent slot is given back, everything else counts what was used. */
    public long charged(Usage usage, BigDecimal usd) {
        return switch (this) {
            case REQUESTS_PER_MINUTE -> 1;
            case CONCURRENT -> 0;
            case TOKENS_PER_DAY -> usage.totalTokens();
            case USD_PER_DAY, USD_PER_MONTH -> Usd.toNanos(usd);
        };
    }
}
