package dev.askgate.server;

import dev.askgate.core.Usage;
import dev.askgate.core.metrics.AskgateMetrics;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.BufferedLedger;
import dev.askgate.core.usage.LedgerRow;
import dev.askgate.core.usage.RedactedKey;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.store.UsageStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * What the settlement of a model call feeds to the meters ({@link AskgateMetrics#called} with its ledger row),
 * budget refusals and the ledger buffer, as {@code GET /metrics} shows them over a real socket.
 */
class LedgerMetricsTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";

    private final ServerMeters meters = new ServerMeters();
    private HttpEndpoints endpoints;

    @AfterEach
    void close() {
        if (endpoints != null) endpoints.close();
        meters.close();
    }

    @Test
    void aSettledCallCountsItsTokensByKindItsCostAndItsLatencyByModel() throws Exception {
        AskgateMetrics metrics = meters.askgate();
        metrics.called(row("gpt-6-luna", new Usage(1200, 200, 100, 300, 50, false), "0.000250", Duration.ofMillis(800)));
        metrics.called(row("gpt-6-luna", new Usage(100, 0, 0, 20, 0, true), "0.000020", Duration.ofSeconds(3)));
        metrics.called(row("gpt-6.1-sol", new Usage(10, 0, 0, 5, 0, false), "0.000070", Duration.ofMillis(400)));
        metrics.budgetRefused(BudgetScope.GLOBAL);
        metrics.budgetRefused(BudgetScope.USER);
        metrics.budgetRefused(BudgetScope.USER);

        var scrape = scrape();

        assertThat(scrape.value("askgate_tokens_total", "model", "gpt-6-luna", "kind", "prompt")).hasValue(1300.0);
        assertThat(scrape.value("askgate_tokens_total", "model", "gpt-6-luna", "kind", "cached")).hasValue(200.0);
        assertThat(scrape.value("askgate_tokens_total", "model", "gpt-6-luna", "kind", "cache_write")).hasValue(100.0);
        assertThat(scrape.value("askgate_tokens_total", "model", "gpt-6-luna", "kind", "completion")).hasValue(320.0);
        assertThat(scrape.value("askgate_tokens_total", "model", "gpt-6-luna", "kind", "reasoning")).hasValue(50.0);
        assertThat(scrape.value("askgate_tokens_total", "model", "gpt-6.1-sol", "kind", "prompt")).hasValue(10.0);
        assertThat(scrape.value("askgate_cost_usd_total", "model", "gpt-6-luna").orElseThrow())
                .isCloseTo(0.000270, within(1e-12));
        assertThat(scrape.value("askgate_cost_usd_total", "model", "gpt-6.1-sol").orElseThrow())
                .isCloseTo(0.000070, within(1e-12));
        assertThat(scrape.type("askgate_model_latency_seconds")).hasValue("histogram");
        assertThat(scrape.value("askgate_model_latency_seconds_count", "model", "gpt-6-luna")).hasValue(2.0);
        assertThat(scrape.value("askgate_model_latency_seconds_sum", "model", "gpt-6-luna")).hasValue(3.8);
        assertThat(scrape.value("askgate_model_latency_seconds_bucket", "model", "gpt-6-luna", "le", "1.0"))
                .hasValue(1.0);
        assertThat(scrape.value("askgate_model_latency_seconds_bucket", "model", "gpt-6-luna", "le", "5.0"))
                .hasValue(2.0);
        assertThat(scrape.value("askgate_budget_refusals_total", "scope", "global")).hasValue(1.0);
        assertThat(scrape.value("askgate_budget_refusals_total", "scope", "user")).hasValue(2.0);
        assertThat(scrape.value("askgate_budget_refusals_total", "scope", "channel")).hasValue(0.0);
        assertThat(scrape.labelValues()).doesNotContain("U0123ABCD", "C0FAKE", "T0FAKE", "main", "sk-…cafe");
    }

    @Test
    void theBufferedRowsGaugeShowsTheRowsWaitingWhileTheStoreIsDown(@TempDir Path dir) throws Exception {
        UsageStore store = UsageStores.open("jdbc:sqlite:" + dir.resolve("down.db"), "", "");
        store.close(); // every write now fails, so rows stay in the buffer
        var ledger = new BufferedLedger(store, 10, Duration.ofSeconds(5), Duration.ofSeconds(5));
        try {
            assertThat(scrape().value("askgate_ledger_buffered_rows")).hasValue(0.0);
            meters.askgate().watch(ledger);
            ledger.record(row("gpt-6-luna", new Usage(10, 0, 5), "0.000001", Duration.ofMillis(10)));
            ledger.record(row("gpt-6-luna", new Usage(10, 0, 5), "0.000001", Duration.ofMillis(10)));

            assertThat(scrape().value("askgate_ledger_buffered_rows")).hasValue(2.0);
        } finally {
            ledger.close(Duration.ofMillis(100));
        }
    }

    private PrometheusText scrape() throws Exception {
        if (endpoints == null) {
            endpoints = new HttpEndpoints(0, List.of(), List.of(meters.route()));
            endpoints.start();
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + endpoints.port() + "/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(KEY);
        return new PrometheusText(response.body());
    }

    private static LedgerRow row(String model, Usage usage, String cost, Duration latency) {
        return new LedgerRow(Instant.parse("2026-12-02T01:00:00Z"), "slack", "T0FAKE", "C0FAKE", "U0123ABCD", model,
                usage, new BigDecimal(cost), "answered", latency, "req-FAKE", "main", RedactedKey.of(KEY));
    }
}
