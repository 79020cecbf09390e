package dev.askgate.core.usage;

import dev.askgate.core.Usage;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class PriceTableTest {
    private final PriceTable prices = PriceTable.defaults();

    @Test
    void theShippedDefaultsAreOpenAisListPricesWithCacheWritesAtOneAndAQuarterTimesInput() {
        assertThat(prices.price("gpt-6-luna")).contains(new ModelPrice(new BigDecimal("0.10"), new BigDecimal("0.01"),
                new BigDecimal("0.1250"), new BigDecimal("0.50")));
        assertThat(prices.price("gpt-6.1-terra").orElseThrow().output()).isEqualByComparingTo("5.00");
        assertThat(prices.price("gpt-6.1-sol").orElseThrow().cacheWrite()).isEqualByComparingTo("2.50");
        assertThat(prices.price("gpt-6-astra").orElseThrow().cachedInput()).isEqualByComparingTo("1.00");
        assertThat(prices.price("gpt-4o")).isEmpty();
    }

    @Test
    void eachKindOfTokenIsBilledAtItsOwnPriceAndReasoningAsTheOutputItIsPartOf() {
        // 100k prompt tokens of which 20k cached and 10k cache writes; 10k completion of which 4k reasoning.
        Usage usage = new Usage(100_000, 20_000, 10_000, 10_000, 4_000, false);

        // 70k x 1.00 + 20k x 0.05 + 10k x 1.25 + 10k x 5.00, per million
        assertThat(prices.cost("gpt-6.1-terra", usage)).contains(new BigDecimal("0.133500000"));
    }

    @Test
    void theWorstCaseHeldForACallCoversEveryWayTheEndpointCanReportItsPrompt() {
        ModelPrice terra = prices.price("gpt-6.1-terra").orElseThrow();
        BigDecimal worst = PriceTable.worstCase(terra, 10_000, 2_000);

        for (int cached = 0; cached <= 10_000; cached += 2_500) {
            for (int written = 0; cached + written <= 10_000; written += 2_500) {
                Usage reported = new Usage(10_000, cached, written, 2_000, 1_000, false);
                assertThat(PriceTable.cost(terra, reported)).as("%d cached, %d written", cached, written)
                        .isLessThanOrEqualTo(worst);
            }
        }
        // All 10k prompt tokens written to the cache at 1.25, the 2k cap at 5.00, per million.
        assertThat(worst).isEqualByComparingTo("0.0225");
        assertThat(PriceTable.worstCase(new ModelPrice(new BigDecimal("0.20"), new BigDecimal("0.02"),
                new BigDecimal("0.20"), new BigDecimal("1.00")), 10_000, 0))
                .as("a price whose writes cost no more than input").isEqualByComparingTo("0.002");
    }

    @Test
    void aPromptOverTwoHundredSeventyTwoThousandTokensIsBilledAtLongContextRatesForTheWholeRequest() {
        Usage under = new Usage(272_000, 0, 0, 10_000, 0, false);
        Usage over = new Usage(272_001, 0, 0, 10_000, 0, false);

        assertThat(prices.cost("gpt-6-luna", under)).contains(new BigDecimal("0.032200000"));
        // 272,001 x 0.10 x 2 + 10,000 x 0.50 x 1.5, per million
        assertThat(prices.cost("gpt-6-luna", over)).contains(new BigDecimal("0.061900200"));
    }

    @Test
    void anOperatorPriceOverridesADefaultOrAddsAModelAndADatedSnapshotCostsWhatItsModelCosts() {
        PriceTable table = prices.with("gpt-6-luna", ModelPrice.listed("0.20", "0.02", "1.00"))
                .with("llama-local", ModelPrice.FREE);

        assertThat(table.cost("gpt-6-luna", new Usage(100_000, 0, 0))).contains(new BigDecimal("0.020000000"));
        assertThat(table.cost("llama-local", new Usage(5_000, 0, 5_000))).contains(new BigDecimal("0E-9"));
        assertThat(table.cost("gpt-6-luna-2026-10-01", new Usage(0, 0, 1_000_000))).contains(new BigDecimal("1.000000000"));
        assertThat(table.hasPrice("gpt-6-lunatic")).isFalse();
        assertThat(prices.cost("gpt-6-luna", new Usage(100_000, 0, 0))).contains(new BigDecimal("0.010000000"));
    }
}
