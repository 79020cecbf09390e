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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real SIGTERM to a process running the real {@code askgate serve} ({@link SignalledAskgate}): the answer in
 * flight still arrives, and the process exits 0.
 */
class SigtermTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";

    private final FakeOpenAi openAi = new FakeOpenAi();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private ServeProcess serve;

    @AfterEach
    void close() {
        if (serve != null) serve.close();
        openAi.close();
    }

    @Test
    void sigtermLetsTheAnswerInFlightFinishAndExitsZero(@TempDir Path dir) throws Exception {
        openAi.enqueue(FakeOpenAi.answer("Finished despite the SIGTERM.").streamedInWords()
                .firstTokenAfter(Duration.ofSeconds(2)));
        serve = ServeProcess.start(SignalledAskgate.class, Map.of("OPENAI_API_KEY", KEY,
                "OPENAI_BASE_URL", openAi.baseUrl(), "DISCORD_BOT_TOKEN", "FAKE-discord-token"), dir);
        serve.awaitStatus("/healthz", 200);

        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(serve.uri("/ask"))
                        .POST(HttpRequest.BodyPublishers.ofString("Will you finish?")).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitChatRequest();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return serve.terminate(); // SIGTERM
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });

        HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("Finished despite the SIGTERM.");
        int status = exit.get(30, TimeUnit.SECONDS);
        String log = serve.log();
        assertThat(status).as(log).isZero();
        assertThat(log).contains("platform testchat started").contains("shutting down").contains("stopped")
                .doesNotContain(KEY).doesNotContain("FAKE-discord-token");
    }

    private void awaitChatRequest() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (openAi.chatRequests().isEmpty()) {
            assertThat(System.nanoTime()).as("the question reached the fake within 30 s").isLessThan(deadline);
            Thread.sleep(20); // polling interval
        }
    }
}
