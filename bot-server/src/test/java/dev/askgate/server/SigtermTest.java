package dev.askgate.server;

import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
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
    private Process child;
    private Path output;

    @AfterEach
    void close() {
        if (child != null) child.destroyForcibly();
        openAi.close();
    }

    @Test
    void sigtermLetsTheAnswerInFlightFinishAndExitsZero(@TempDir Path dir) throws Exception {
        // A file, not a pipe: a pipe's reader may lose the last lines when the process exits.
        output = dir.resolve("serve.log");
        openAi.enqueue(FakeOpenAi.answer("Finished despite the SIGTERM.").streamedInWords()
                .firstTokenAfter(Duration.ofSeconds(2)));
        int port = freePort();
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SignalledAskgate.class.getName())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                "DISCORD_BOT_TOKEN", "FAKE-discord-token", "ASKGATE_PORT", String.valueOf(port),
                "ASKGATE_LOG_LEVEL", "DEBUG"));
        child = builder.start();
        awaitHealthz(port);

        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ask"))
                        .POST(HttpRequest.BodyPublishers.ofString("Will you finish?")).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitChatRequest();
        child.destroy(); // SIGTERM

        HttpResponse<String> answer = inFlight.get(30, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("Finished despite the SIGTERM.");
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(output);
        assertThat(child.exitValue()).as(log).isZero();
        assertThat(log).contains("platform testchat started").contains("shutting down").contains("stopped")
                .doesNotContain(KEY).doesNotContain("FAKE-discord-token");
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitHealthz(int port) throws Exception {
        var healthz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).GET().build();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("serving process ended early:\n%s", Files.readString(output)).isTrue();
            try {
                if (client.send(healthz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50); // polling interval
        }
        throw new AssertionError("no /healthz within 30 s:\n" + Files.readString(output));
    }

    private void awaitChatRequest() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (openAi.chatRequests().isEmpty()) {
            assertThat(System.nanoTime()).as("the question reached the fake within 30 s").isLessThan(deadline);
            Thread.sleep(20); // polling interval
        }
    }
}
