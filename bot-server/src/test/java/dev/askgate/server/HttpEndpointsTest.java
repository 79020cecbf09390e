package dev.askgate.server;

import ch.qos.logback.classic.Level;
import dev.askgate.core.http.HttpRoute;
import dev.askgate.core.http.RouteRequest;
import dev.askgate.core.http.RouteResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class HttpEndpointsTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private HttpEndpoints endpoints;

    @AfterEach
    void close() {
        if (endpoints != null) endpoints.close();
    }

    @Test
    void aRouteReceivesHeadersQueryAndRawBodyAndItsAnswerIsSentBack() throws Exception {
        AtomicReference<RouteRequest> seen = new AtomicReference<>();
        start(List.of(), List.of(HttpRoute.of("POST", "/slack/events", request -> {
            seen.set(request);
            return new RouteResponse(200, java.util.Map.of("X-Answer", "yes"), "ok".getBytes(StandardCharsets.UTF_8));
        })));

        var response = client.send(HttpRequest.newBuilder(uri("/slack/events?ssl_check=1"))
                .header("X-Slack-Signature", "v0=abc").header("X-Request-Id", "req-42")
                .POST(HttpRequest.BodyPublishers.ofString("token=a&text=b%20c")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(response.headers().firstValue("X-Answer")).hasValue("yes");
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-42");
        assertThat(seen.get().header("x-slack-signature")).hasValue("v0=abc");
        assertThat(seen.get().query()).isEqualTo("ssl_check=1");
        assertThat(seen.get().bodyText()).isEqualTo("token=a&text=b%20c");
        assertThat(seen.get().requestId()).isEqualTo("req-42");
    }

    @Test
    void unknownPathsAre404AndOtherMethodsOnAKnownPathAre405() throws Exception {
        start(List.of(HttpRoute.of("GET", "/healthz", r -> RouteResponse.text(200, "alive"))), List.of());

        assertThat(get("/nope").statusCode()).isEqualTo(404);
        var post = client.send(HttpRequest.newBuilder(uri("/healthz")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void aBodyOverOneMebibyteIsRefusedBeforeTheRouteRuns() throws Exception {
        CountDownLatch called = new CountDownLatch(1);
        start(List.of(), List.of(HttpRoute.of("POST", "/in", r -> {
            called.countDown();
            return RouteResponse.text(200, "");
        })));

        var response = client.send(HttpRequest.newBuilder(uri("/in"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[HttpEndpoints.MAX_BODY_BYTES + 1])).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(called.getCount()).isEqualTo(1);
    }

    @Test
    void aFailingRouteAnswers500WithoutTheExceptionText() throws Exception {
        start(List.of(), List.of(HttpRoute.of("GET", "/boom", r -> {
            throw new IllegalStateException("internal detail sk-proj-FAKE0000test0000key0000notreal");
        })));

        var response = get("/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("internal detail").doesNotContain("FAKE");
    }

    @Test
    void aFailingRouteIsOneErrorLineWithTheExceptionAndTheStackTraceOnlyAtDebug() throws Exception {
        start(List.of(), List.of(HttpRoute.of("GET", "/boom", r -> {
            throw new IllegalStateException("the handler broke", new java.io.IOException("pipe closed"));
        })));
        try (var logs = new CapturedLogs()) {
            assertThat(get("/boom").statusCode()).isEqualTo(500);

            assertThat(logs.events()).filteredOn(e -> e.getLoggerName().equals(HttpEndpoints.class.getName())
                            && e.getFormattedMessage().startsWith("GET /boom failed"))
                    .satisfiesExactly(
                            error -> {
                                assertThat(error.getLevel()).isEqualTo(Level.ERROR);
                                assertThat(error.getFormattedMessage()).isEqualTo("GET /boom failed: "
                                        + "IllegalStateException: the handler broke (caused by IOException: pipe closed)");
                                assertThat(error.getThrowableProxy()).isNull();
                            },
                            debug -> {
                                assertThat(debug.getLevel()).isEqualTo(Level.DEBUG);
                                assertThat(debug.getThrowableProxy().getClassName()).endsWith("IllegalStateException");
                            });
        }
    }

    @Test
    void afterStopAcceptingRoutesAnswer503ButProbesStillAnswerAndRunningRequestsFinish() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(List.of(HttpRoute.of("GET", "/healthz", r -> RouteResponse.text(200, "alive"))),
                List.of(HttpRoute.of("POST", "/slow", r -> {
                    entered.countDown();
                    release.await(30, TimeUnit.SECONDS);
                    return RouteResponse.text(200, "finished");
                })));
        CompletableFuture<HttpResponse<String>> slow = client.sendAsync(HttpRequest.newBuilder(uri("/slow"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

        endpoints.stopAccepting();
        var refused = client.send(HttpRequest.newBuilder(uri("/slow")).POST(HttpRequest.BodyPublishers.ofString("y")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertThat(endpoints.awaitIdle(Duration.ofMillis(50))).isFalse();

        release.countDown();
        assertThat(endpoints.awaitIdle(Duration.ofSeconds(20))).isTrue();
        assertThat(slow.get(20, TimeUnit.SECONDS).body()).isEqualTo("finished");
    }

    private void start(List<HttpRoute> probes, List<HttpRoute> routes) throws Exception {
        endpoints = new HttpEndpoints(0, probes, routes);
        endpoints.start();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + endpoints.port() + path);
    }
}
