package dev.askgate.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code askgate healthcheck}: asks a running {@code serve} on this machine for {@code GET /healthz}, for a
 * container's health check; exit status 0 when it answers 200. Uses the JDK's HTTP client: nothing to wire.
 */
final class HealthcheckCommand {
    private final String port;
    private final PrintStream err;

    /** @param port {@code ASKGATE_PORT} as given (checked here: a bad value is a failed check, not a crash) */
    HealthcheckCommand(String port, PrintStream err) {
        this.port = Objects.requireNonNull(port, "port").trim();
        this.err = Objects.requireNonNull(err, "err");
    }

    int run() {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
            var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) return 0;
            err.println("askgate: /healthz answered " + status);
        } catch (IOException | IllegalArgumentException e) {
            err.println("askgate: /healthz on port " + port + " did not answer ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 1;
    }
}
