package dev.askgate.server;

import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code askgate serve} in its own process: questions answered, retried and failed through the fake
 * OpenAI, then {@code GET /metrics} scraped over a socket and parsed as Prometheus text.
 */
class MetricsEndpointTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";
    private static final String QUESTION = "What is the FAKE secret recipe?";

    private final FakeOpenAi openAi = new FakeOpenAi();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private ServeProcess serve;

    @AfterEach
    void close() {
        if (serve != null) serve.close();
        openAi.close();
    }

    @Test
    void metricsCountOutcomesRetriesErrorsAndTheFirstTokenWithoutUserTextIdsOrKeys(@TempDir Path dir)
            throws Exception {
        openAi.enqueue(FakeOpenAi.answer("A first answer.").streamedInWords().firstTokenAfter(Duration.ofMillis(150)),
                FakeOpenAi.error(503), FakeOpenAi.answer("Answered after a retry."),
                FakeOpenAi.insufficientQuota());
        serve = ServeProcess.start(SignalledAskgate.class, Map.of("OPENAI_API_KEY", KEY,
                "OPENAI_BASE_URL", openAi.baseUrl(), "DISCORD_BOT_TOKEN", "FAKE-discord-token"), dir);
        serve.awaitStatus("/healthz", 200);

        assertThat(ask()).isEqualTo("A first answer.");
        assertThat(ask()).isEqualTo("Answered after a retry.");
        assertThat(ask()).startsWith("Failed[QuotaExceeded");
        HttpResponse<String> scrape = client.send(HttpRequest.newBuilder(serve.uri("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.headers().firstValue("Content-Type")).hasValue(ServerMeters.CONTENT_TYPE);
        var metrics = new PrometheusText(scrape.body());
        assertThat(metrics.value("askgate_requests_total", "platform", "slack", "outcome", "answered")).hasValue(2.0);
        assertThat(metrics.value("askgate_requests_total", "platform", "slack", "outcome", "failed")).hasValue(1.0);
        assertThat(metrics.value("askgate_model_errors_total", "category", "insufficient_quota")).hasValue(1.0);
        assertThat(metrics.value("askgate_retries_total")).hasValue(1.0);
        assertThat(metrics.type("askgate_time_to_first_token_seconds")).hasValue("histogram");
        assertThat(metrics.value("askgate_time_to_first_token_seconds_count")).hasValue(2.0);
        // Both first tokens came later than 0.1 s: one after its 150 ms delay, one after a retry's backoff.
        assertThat(metrics.value("askgate_time_to_first_token_seconds_bucket", "le", "0.1")).hasValue(0.0);
        assertThat(metrics.value("askgate_time_to_first_token_seconds_bucket", "le", "+Inf")).hasValue(2.0);
        assertThat(metrics.value("askgate_requests_in_flight")).hasValue(0.0);
        assertThat(metrics.value("askgate_ledger_buffered_rows")).hasValue(0.0);
        for (String scope : new String[] {"user", "channel", "workspace", "global"}) {
            assertThat(metrics.value("askgate_budget_refusals_total", "scope", scope)).hasValue(0.0);
        }
        assertThat(metrics.sampleNames()).contains("jvm_memory_used_bytes", "jvm_threads_live_threads",
                "process_uptime_seconds");
        assertThat(metrics.labelValues()).doesNotContain("U1", "C1", "T1");
        assertThat(scrape.body()).doesNotContain(KEY).doesNotContain("FAKE secret recipe").doesNotContain("sk-proj");
    }

    private String ask() throws Exception {
        return client.send(HttpRequest.newBuilder(serve.uri("/ask")).POST(HttpRequest.BodyPublishers.ofString(QUESTION))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
