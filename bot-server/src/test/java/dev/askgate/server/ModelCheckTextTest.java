package dev.askgate.server;

import dev.askgate.core.model.ModelError;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ModelCheckTextTest {

    @Test
    void aCheckThatWasNeverSentSaysSoAndPointsAtTheKeyNotTheEndpoint() {
        ModelCheckText text = new ModelCheckText(URI.create("https://api.example/v1"), "gpt-6-luna");

        assertThat(text.problem(new ModelError.NotSent("the request could not be sent (FAKE in the client)")))
                .startsWith("the check could not be sent (the request could not be sent (FAKE in the client)): "
                        + "check OPENAI_API_KEY")
                .doesNotContain("HTTP", "refused");
    }

    @Test
    void aBaseUrlWithCredentialsInItsQueryOrUserInfoIsShownRedacted() {
        ModelCheckText text = new ModelCheckText(
                URI.create("https://proxyuser:FAKEpassw0rd@proxy.example/openai/v1?api-version=2026-10-01&api-key=FAKEproxy42"),
                "gpt-6-luna");

        List<String> shown = List.of(text.ok(), text.problem(new ModelError.Network("ConnectException")),
                text.problem(new ModelError.Timeout(Duration.ofSeconds(10), "")),
                text.problem(new ModelError.Upstream(502, "req_1")));

        assertThat(shown).allSatisfy(line -> assertThat(line)
                .contains("https://[redacted]@proxy.example/openai/v1?api-version=[redacted]&api-key=[redacted]")
                .doesNotContain("FAKEproxy42").doesNotContain("FAKEpassw0rd").doesNotContain("2026-10-01"));
    }
}
