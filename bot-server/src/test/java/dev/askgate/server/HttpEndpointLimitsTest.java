package dev.askgate.server;

import dev.askgate.core.http.HttpRoute;
import dev.askgate.core.http.RouteResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Slow, idle and greedy clients over raw sockets: each is cut off within its bound, and the port keeps serving. */
class HttpEndpointLimitsTest {
    private static final Duration HEADERS = Duration.ofSeconds(1);
    private static final Duration BODY = Duration.ofSeconds(2);
    /** How late a close may come under a loaded machine and still count as within the bound. */
    private static final Duration SLACK = Duration.ofSeconds(5);
    private static final String HEALTHZ = "GET /healthz HTTP/1.1\r\nHost: askgate\r\n\r\n";

    private final AtomicInteger posted = new AtomicInteger();
    private HttpEndpoints endpoints;

    @AfterEach
    void close() {
        if (endpoints != null) endpoints.close();
    }

    @Test
    void headersThatNeverEndAreClosedWithinTheHeaderTimeout() throws Exception {
        startWithShortDeadlines();
        try (var raw = new RawHttp(endpoints.port(), HEADERS.plus(SLACK))) {
            long began = System.nanoTime();
            raw.send("GET /healthz HTTP/1.1\r\nHost: askgate\r\n");

            assertThat(raw.awaitClosed()).isTrue();
            assertThat(since(began)).isGreaterThanOrEqualTo(HEADERS.minusMillis(100)).isLessThan(HEADERS.plus(SLACK));
        }
    }

    @Test
    void headersTrickledAByteAtATimeAreClosedAtTheHeaderTimeoutAlthoughBytesKeepComing() throws Exception {
        startWithShortDeadlines();
        try (var raw = new RawHttp(endpoints.port(), Duration.ofMillis(200))) {
            long began = System.nanoTime();
            raw.send("GET /healthz HTTP/1.1\r\n");
            boolean closed = false;
            while (!closed && since(began).compareTo(HEADERS.plus(SLACK)) < 0) {
                try {
                    raw.send("X");
                } catch (IOException cut) {
                    closed = true;
                    break;
                }
                closed = raw.awaitClosed();
            }

            assertThat(closed).isTrue();
            assertThat(since(began)).isLessThan(HEADERS.plus(SLACK));
        }
    }

    @Test
    void aBodyThatStopsHalfWayIsClosedWithinTheBodyTimeoutAndTheRouteNeverRuns() throws Exception {
        startWithShortDeadlines();
        try (var raw = new RawHttp(endpoints.port(), BODY.plus(SLACK))) {
            raw.send("POST /in HTTP/1.1\r\nHost: askgate\r\nContent-Length: 100\r\n\r\n0123456789");
            long began = System.nanoTime();

            assertThat(raw.awaitClosed()).isTrue();
            assertThat(since(began)).isGreaterThanOrEqualTo(BODY.minusMillis(100)).isLessThan(BODY.plus(SLACK));
        }
        assertThat(posted).hasValue(0);
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedWithinTheHeaderTimeoutOfItsLastAnswer() throws Exception {
        startWithShortDeadlines();
        try (var raw = new RawHttp(endpoints.port(), HEADERS.plus(SLACK))) {
            assertThat(raw.send(HEALTHZ).read().status()).isEqualTo(200);
            long answered = System.nanoTime();

            assertThat(raw.awaitClosed()).isTrue();
            assertThat(since(answered)).isLessThan(HEADERS.plus(SLACK));
        }
    }

    @Test
    void aKeptAliveConnectionServesSeveralRequestsInsideTheBound() throws Exception {
        start(100);
        try (var raw = new RawHttp(endpoints.port(), SLACK)) {
            for (int i = 0; i < 3; i++) assertThat(raw.send(HEALTHZ).read().status()).isEqualTo(200);
            assertThat(raw.send("POST /in HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\nhi").read().body()).isEqualTo("got 2");
        }
    }

    @Test
    void anOversizeBodyAnnouncedWithExpectContinueIs413AndNeverInvited() throws Exception {
        start(100);
        try (var raw = new RawHttp(endpoints.port(), SLACK)) {
            raw.send("POST /in HTTP/1.1\r\nHost: askgate\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + 100L * 1024 * 1024 + "\r\nExpect: 100-continue\r\n\r\n");

            String all = raw.readToEnd();

            assertThat(all).startsWith("HTTP/1.1 413 ").doesNotContain("100 Continue").doesNotContain("HTTP/1.1 100");
        }
        assertThat(posted).hasValue(0);
    }

    @Test
    void anOversizeBodySentWithoutAskingStillGetsItsAnswerNotABrokenPipe() throws Exception {
        start(100);
        var client = HttpClient.newHttpClient();
        // Closing at once with the upload unread would reset the connection before the client reads the 413
        // (about one try in ten did): every try must see the answer.
        for (int i = 0; i < 10; i++) {
            var response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoints.port() + "/in"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[8 * 1024 * 1024])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("try %d", i).isEqualTo(413);
        }
        assertThat(posted).hasValue(0);
    }

    @Test
    void anOversizeBodyWithoutALengthIsCutAtTheLimitAnd413() throws Exception {
        start(100);
        try (var raw = new RawHttp(endpoints.port(), SLACK)) {
            raw.send("POST /in HTTP/1.1\r\nHost: askgate\r\nTransfer-Encoding: chunked\r\n\r\n");
            String chunk = "x".repeat(64 * 1024);
            try {
                for (int i = 0; i < 20; i++) raw.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            } catch (IOException closedMidWay) {
                // the server may close as soon as it has answered
            }

            assertThat(raw.readToEnd()).startsWith("HTTP/1.1 413 ");
        }
        assertThat(posted).hasValue(0);
    }

    @Test
    void aSmallBodyWithExpectContinueIsInvitedAndServed() throws Exception {
        start(100);
        try (var raw = new RawHttp(endpoints.port(), SLACK)) {
            raw.send("POST /in HTTP/1.1\r\nHost: askgate\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
            assertThat(raw.read().status()).isEqualTo(100);
            raw.send("abc");

            assertThat(raw.read().body()).isEqualTo("got 3");
        }
    }

    @Test
    void connectionsBeyondTheLimitAreAnswered503AndClosedAndTheProbeServesAgainOnceTheyGo() throws Exception {
        start(4);
        List<RawHttp> held = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                var raw = new RawHttp(endpoints.port(), SLACK);
                held.add(raw);
                assertThat(raw.send(HEALTHZ).read().status()).isEqualTo(200);
            }

            for (int i = 0; i < 3; i++) {
                try (var extra = new RawHttp(endpoints.port(), SLACK)) {
                    extra.send(HEALTHZ);
                    String all = extra.readToEnd();
                    assertThat(all).startsWith("HTTP/1.1 503 ").contains("Connection: close")
                            .endsWith("too many open connections");
                }
            }
        } finally {
            for (RawHttp raw : held) raw.close();
        }
        awaitNoOpenConnections();

        try (var raw = new RawHttp(endpoints.port(), SLACK)) {
            assertThat(raw.send(HEALTHZ).read().status()).isEqualTo(200);
        }
    }

    @Test
    void aBurstOfNewConnectionsWaitsInTheBacklogInsteadOfBeingDropped() throws Exception {
        start(1_000);
        int burst = 400;
        // The kernel completes a handshake into the backlog without the server's help; one that finds the backlog
        // full is dropped and the client retries after a second. Connecting all at once, every connect is quick.
        List<Thread> threads = new ArrayList<>();
        List<Long> connectMillis = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        var go = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < burst; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    long began = System.nanoTime();
                    try (var raw = new RawHttp(endpoints.port(), SLACK)) {
                        connectMillis.add((System.nanoTime() - began) / 1_000_000);
                        statuses.add(raw.send("GET /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
                                .read().status());
                    }
                } catch (Exception e) {
                    statuses.add(-1);
                    failures.add(e.toString());
                }
            }));
        }
        go.countDown();
        for (Thread thread : threads) thread.join();

        assertThat(failures).isEmpty();
        assertThat(statuses).hasSize(burst).containsOnly(200);
        assertThat(connectMillis).allMatch(ms -> ms < 1_000, "connected before a SYN retry");
    }

    private void awaitNoOpenConnections() throws InterruptedException {
        // The server notices a closed socket on its selector thread; nothing else can tell when that has happened.
        long deadline = System.nanoTime() + SLACK.toNanos();
        while (endpoints.openConnections() > 0 && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(endpoints.openConnections()).isZero();
    }

    /** The deadlines shortened, for the tests that wait for them. */
    private void startWithShortDeadlines() throws IOException {
        start(new HttpLimits(HEADERS, BODY, 100, HttpLimits.BACKLOG));
    }

    /** The default deadlines: a test that does not wait for them must not race them on a loaded machine. */
    private void start(int maxConnections) throws IOException {
        start(new HttpLimits(HttpLimits.HEADER_TIMEOUT, HttpLimits.BODY_TIMEOUT, maxConnections, HttpLimits.BACKLOG));
    }

    private void start(HttpLimits limits) throws IOException {
        endpoints = new HttpEndpoints(0, limits,
                List.of(HttpRoute.of("GET", "/healthz", r -> RouteResponse.text(200, "alive"))),
                List.of(HttpRoute.of("POST", "/in", r -> {
                    posted.incrementAndGet();
                    return RouteResponse.text(200, "got " + r.body().length);
                })));
        endpoints.start();
    }

    private static Duration since(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
