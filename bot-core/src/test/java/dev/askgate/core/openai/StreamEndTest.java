package dev.askgate.core.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.config.Secret;
import dev.askgate.core.key.FixedKeySource;
import dev.askgate.core.key.KeySpec;
import dev.askgate.core.model.ModelResult;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static dev.askgate.core.openai.ModelFixture.KEY;
import static dev.askgate.core.openai.ModelFixture.question;
import static org.assertj.core.api.Assertions.assertThat;

/** A server that keeps the connection open after {@code [DONE]}, as some proxies do. */
class StreamEndTest {
    private final CountDownLatch testOver = new CountDownLatch(1);
    private final MockWebServer server = new MockWebServer();
    private final OkHttpClient shared = new OkHttpClient();

    @AfterEach
    void close() {
        testOver.countDown();
        server.close();
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
    }

    @Test
    void theAnswerEndsAtDoneEvenWhenTheServerKeepsTheConnectionOpen() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200)
                .setHeader("content-type", "text/event-stream")
                .setHeader("Transfer-Encoding", "chunked")
                .body(new HeldOpenStream(List.of(
                        "data: {\"model\":\"gpt-6-luna\",\"choices\":[{\"delta\":{\"content\":\"Done \"}}]}\n\n",
                        "data: {\"choices\":[{\"delta\":{\"content\":\"quickly.\"},\"finish_reason\":\"stop\"}]}\n\n",
                        "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2}}\n\n",
                        "data: [DONE]\n\n"), testOver))
                .build());
        server.start(InetAddress.getLoopbackAddress(), 0);
        // Far longer than the await below: only an answer that ends at [DONE] arrives in time.
        OpenAiConfig config = new OpenAiConfig(URI.create(server.url("/v1").toString().replaceAll("/$", "")),
                "gpt-6-luna", "", "", Duration.ofSeconds(30), 0, new KeySpec.FromValue(new Secret(KEY)));
        OpenAiChatModel model = new OpenAiChatModel(shared, new ObjectMapper(), config,
                new FixedKeySource(new Secret(KEY)), Clock.systemUTC(), delay -> { });
        List<String> deltas = Collections.synchronizedList(new ArrayList<>());

        ModelResult result = CompletableFuture.supplyAsync(() -> model.stream(question("Hi"), deltas::add))
                .get(5, TimeUnit.SECONDS);

        assertThat(result).isInstanceOfSatisfying(ModelResult.Completed.class, c -> {
            assertThat(c.text()).isEqualTo("Done quickly.");
            assertThat(c.finishReason()).isEqualTo("stop");
            assertThat(c.usage().completionTokens()).isEqualTo(2);
        });
        assertThat(deltas).containsExactly("Done ", "quickly.");
    }

    /** Writes its events as chunks, then holds the response open until the test ends. */
    private record HeldOpenStream(List<String> events, CountDownLatch release) implements MockResponseBody {
        @Override
        public long getContentLength() {
            return -1;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            for (String event : events) {
                byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
                sink.writeUtf8(Integer.toHexString(bytes.length)).writeUtf8("\r\n").write(bytes).writeUtf8("\r\n");
                sink.flush();
            }
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sink.writeUtf8("0\r\n");
        }
    }
}
