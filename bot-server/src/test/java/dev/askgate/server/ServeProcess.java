package dev.askgate.server;

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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code askgate serve} in a process of its own, configured only by environment variables as an operator would,
 * with its output in a file (a pipe's reader may lose the last lines when the process exits).
 */
final class ServeProcess implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    final int port;
    private final Process process;
    private final Path output;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private ServeProcess(int port, Process process, Path output) {
        this.port = port;
        this.process = process;
        this.output = output;
    }

    /** Runs {@code mainClass serve} with {@code env} plus a free ASKGATE_PORT and DEBUG logs. */
    static ServeProcess start(Class<?> mainClass, Map<String, String> env, Path dir) throws IOException {
        int port = freePort();
        Path output = dir.resolve("serve.log");
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass.getName(), "serve")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(env);
        // Each run its own usage store, never a data/ directory in the checkout.
        builder.environment().putIfAbsent("ASKGATE_DB_URL", "jdbc:sqlite:" + dir.resolve("usage/askgate.db"));
        builder.environment().putAll(Map.of("ASKGATE_PORT", String.valueOf(port), "ASKGATE_LOG_LEVEL", "DEBUG"));
        return new ServeProcess(port, builder.start(), output);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Waits until {@code GET path} answers {@code status}; fails with the process's output otherwise. */
    void awaitStatus(String path, int status) throws Exception {
        var request = HttpRequest.newBuilder(uri(path)).GET().build();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int last = 0;
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("serving process ended early:\n%s", log()).isTrue();
            try {
                last = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == status) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100); // polling interval
        }
        throw new AssertionError(path + " answered " + last + ", not " + status + ", within " + WAIT + ":\n" + log());
    }

    /** Sends SIGTERM and returns the exit status. */
    int terminate() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
        return process.exitValue();
    }

    String log() throws IOException {
        return Files.readString(output);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
