package dev.askgate.server;

import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A real SIGTERM to a serving process: the answer in flight still arrives, and the process exits 0. */
class SigtermTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";

    private final FakeOpenAi openAi = new FakeOpenAi();
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
        child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SignalledServe.class.getName(), openAi.baseUrl(), KEY)
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        int port = awaitPort();

        HttpClient client = HttpClient.newHttpClient();
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
        assertThat(child.exitValue()).isZero();
        assertThat(Files.readString(output)).contains("shutting down").contains("stopped").doesNotContain(KEY);
    }

    private int awaitPort() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(output)) {
                if (line.startsWith(SignalledServe.PORT_LINE)) {
                    return Integer.parseInt(line.substring(SignalledServe.PORT_LINE.length()).trim());
                }
            }
            assertThat(child.isAlive()).as("serving process ended early:\n%s", Files.readString(output)).isTrue();
            Thread.sleep(20); // polling interval
        }
        throw new AssertionError("no port within 30 s:\n" + Files.readString(output));
    }

    private void awaitChatRequest() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (openAi.chatRequests().isEmpty()) {
            assertThat(System.nanoTime()).as("the question reached the fake within 30 s").isLessThan(deadline);
            Thread.sleep(20); // polling interval
        }
    }
}
