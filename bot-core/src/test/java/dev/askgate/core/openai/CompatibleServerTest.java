package dev.askgate.core.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.Usage;
import dev.askgate.core.config.Secret;
import dev.askgate.core.key.FixedKeySource;
import dev.askgate.core.key.KeySpec;
import dev.askgate.core.model.ModelResult;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.askgate.core.openai.ModelFixture.KEY;
import static dev.askgate.core.openai.ModelFixture.question;
import static org.assertj.core.api.Assertions.assertThat;

/** Quirks of OpenAI-compatible servers that FakeOpenAi, being faithful to OpenAI, does not have. */
class CompatibleServerTest {
    private final MockWebServer server = new MockWebServer();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aServerThatAnswersAStreamedRequestWholeStillGivesTheAnswerAsOneDelta() throws IOException {
        server.enqueue(new MockResponse.Builder().code(200).setHeader("content-type", "application/json")
                .body("""
                        {"id":"x","object":"chat.completion","model":"llama3.2","choices":[{"index":0,
                         "message":{"role":"assistant","content":"Whole at once"},"finish_reason":"stop"}],
                         "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""").build());
        server.start();
        List<String> deltas = new ArrayList<>();

        ModelResult result = model().stream(question("Hi"), deltas::add);

        assertThat(deltas).containsExactly("Whole at once");
        assertThat(result).isEqualTo(new ModelResult.Completed("Whole at once", "stop", new Usage(9, 0, 3), "llama3.2", ""));
    }

    @Test
    void anHtmlErrorPageFromAProxyIsSortedByItsStatus() throws IOException {
        server.enqueue(new MockResponse.Builder().code(502).setHeader("content-type", "text/html")
                .body("<html><body><h1>502 Bad Gateway</h1></body></html>").build());
        server.start();

        ModelResult result = model().complete(question("Hi"));

        assertThat(result).isEqualTo(new ModelResult.Failed(new dev.askgate.core.model.ModelError.Upstream(502, "")));
    }

    private OpenAiChatModel model() {
        OpenAiConfig config = new OpenAiConfig(URI.create(server.url("/v1").toString().replaceAll("/$", "")), "llama3.2",
                "", "", Duration.ofSeconds(5), 0, new KeySpec.FromValue(new Secret(KEY)));
        return new OpenAiChatModel(new OkHttpClient(), new ObjectMapper(), config,
                new FixedKeySource(new Secret(KEY)), Clock.systemUTC(), new RecordingSleeper());
    }
}
