package dev.askgate.core.openai;

import dev.askgate.core.config.Settings;
import dev.askgate.core.key.KeySource;
import dev.askgate.core.model.ModelResult;
import dev.askgate.core.testing.LogCapture;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.askgate.core.openai.ModelFixture.KEY;
import static dev.askgate.core.openai.ModelFixture.question;
import static org.assertj.core.api.Assertions.assertThat;

/** An Azure-style or proxy base URL with a query string: requests keep it, displays hide its values. */
class BaseUrlWithQueryTest {
    private static final String PROXY_KEY = "FAKEproxysecret4242";
    private static final String QUERY = "api-version=2026-10-01-preview&api-key=" + PROXY_KEY;

    @Test
    void everyRequestGoesToTheBasePathPlusTheApiPathWithTheBaseQuery() throws Exception {
        List<String> shown = new ArrayList<>();
        String logs;
        try (LogCapture capture = LogCapture.start(); ModelFixture fixture = new ModelFixture()) {
            String base = fixture.fake.baseUrl().replace("http://", "http://proxyuser:FAKEpassw0rd@") + "/?" + QUERY;
            Settings env = new Settings(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", base,
                    "OPENAI_MAX_RETRIES", "0"));
            OpenAiConfig config = OpenAiConfig.from(env);
            assertThat(env.problems()).isEmpty();
            try (KeySource keys = config.key().open()) {
                OpenAiChatModel model = fixture.model(config, keys);

                assertThat(model.stream(question("Hi"), t -> { })).isInstanceOf(ModelResult.Completed.class);
                assertThat(model.complete(question("Hi"))).isInstanceOf(ModelResult.Completed.class);
                shown.add(String.valueOf(model.check()));
                fixture.fake.close();
                shown.add(String.valueOf(model.check()));
                shown.add(model.toString());
                shown.add(config.toString());
                shown.add(config.redactedBaseUrl());
            }
            assertThat(fixture.fake.requestTargets()).containsExactly("/v1/chat/completions?" + QUERY,
                    "/v1/chat/completions?" + QUERY, "/v1/models?" + QUERY);
            // Askgate's own lines; the fake's server-side JUL lines print what it received, as a server log would.
            logs = String.join("\n", capture.events().stream().filter(e -> e.getLoggerName().startsWith("dev.askgate"))
                    .map(e -> e.getFormattedMessage()).toList());
        }
        assertThat(shown).contains("http://[redacted]@127.0.0.1:" + URI.create(shown.get(4).replace("[redacted]@", ""))
                .getPort() + "/v1/?api-version=[redacted]&api-key=[redacted]");
        assertThat(shown).noneMatch(s -> s.contains(PROXY_KEY) || s.contains("FAKEpassw0rd") || s.contains("2026-10"));
        assertThat(logs).doesNotContain(PROXY_KEY).doesNotContain("FAKEpassw0rd").doesNotContain(KEY);
    }

    @Test
    void aBaseUrlWithoutQueryOrCredentialsIsShownAsItIs() {
        URI plain = URI.create("https://api.openai.com/v1");

        assertThat(BaseUrl.redacted(plain)).isEqualTo("https://api.openai.com/v1");
        assertThat(BaseUrl.endpoint(plain, "/models")).isEqualTo("https://api.openai.com/v1/models");
        assertThat(BaseUrl.endpoint(URI.create("http://localhost:11434"), "/chat/completions"))
                .isEqualTo("http://localhost:11434/chat/completions");
        assertThat(BaseUrl.redacted(URI.create("https://h.example/openai?flag&api-key=FAKE1#frag")))
                .isEqualTo("https://h.example/openai?flag&api-key=[redacted]");
    }
}
