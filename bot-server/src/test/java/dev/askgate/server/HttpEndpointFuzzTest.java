package dev.askgate.server;

import dev.askgate.core.http.HttpRoute;
import dev.askgate.core.http.RouteResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.BindException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Whatever arrives on the port, the answer is a plain status with no stack trace, exception or server detail,
 * no route sees a request it was not meant for, and the port keeps serving afterwards.
 */
class HttpEndpointFuzzTest {
    private static final Duration READ = Duration.ofSeconds(15);
    private static final List<String> INTERNALS = List.of("Exception", "\tat ", "jetty", "Jetty", "java.", "org.eclipse",
            "Illegal", "Caused by");

    private HttpEndpoints endpoints;

    @BeforeEach
    void start() throws Exception {
        endpoints = new HttpEndpoints(0,
                List.of(HttpRoute.of("GET", "/healthz", r -> RouteResponse.json(200, "{\"status\":\"alive\"}"))),
                List.of(HttpRoute.of("POST", "/slack/events", r -> RouteResponse.text(200, "posted"))));
        endpoints.start();
    }

    @AfterEach
    void close() {
        endpoints.close();
    }

    static Stream<Arguments> requests() {
        String big = "x".repeat(HttpEndpoints.MAX_HEADER_BYTES + 10);
        return Stream.of(
                Arguments.of("unknown path", "GET /nope HTTP/1.1\r\nHost: a\r\n\r\n", Set.of(404)),
                Arguments.of("path under a route", "GET /healthz/x HTTP/1.1\r\nHost: a\r\n\r\n", Set.of(404)),
                Arguments.of("PUT on a probe", "PUT /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n", Set.of(405)),
                Arguments.of("DELETE on a probe", "DELETE /healthz HTTP/1.1\r\nHost: a\r\n\r\n", Set.of(405)),
                Arguments.of("OPTIONS on a probe", "OPTIONS /healthz HTTP/1.1\r\nHost: a\r\n\r\n", Set.of(405)),
                Arguments.of("TRACE on a route", "TRACE /slack/events HTTP/1.1\r\nHost: a\r\n\r\n", Set.of(405)),
                Arguments.of("GET on a POST route", "GET /slack/events HTTP/1.1\r\nHost: a\r\n\r\n", Set.of(405)),
                Arguments.of("made-up method", "BREW /healthz HTTP/1.1\r\nHost: a\r\n\r\n", Set.of(405, 400)),
                Arguments.of("huge header", "GET /healthz HTTP/1.1\r\nHost: a\r\nX-Big: " + big + "\r\n\r\n", Set.of(431)),
                Arguments.of("many headers", "GET /healthz HTTP/1.1\r\nHost: a\r\n" + "X-A: b\r\n".repeat(3000) + "\r\n",
                        Set.of(431)),
                Arguments.of("huge URI", "GET /" + big + " HTTP/1.1\r\nHost: a\r\n\r\n", Set.of(414, 431)),
                Arguments.of("garbage request line", "HELLO\r\n\r\n", Set.of(400)),
                Arguments.of("binary request line", "\u0000\u0001\u0002\u00ff\r\n\r\n", Set.of(400)),
                Arguments.of("unknown version", "GET /healthz HTTP/9.9\r\nHost: a\r\n\r\n", Set.of(400, 505)),
                Arguments.of("no Host in HTTP/1.1", "GET /healthz HTTP/1.1\r\n\r\n", Set.of(400)),
                Arguments.of("header without colon", "GET /healthz HTTP/1.1\r\nHost: a\r\nBroken\r\n\r\n", Set.of(400)),
                Arguments.of("bad percent escape", "GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n", Set.of(400)),
                Arguments.of("encoded slash", "GET /healthz%2F..%2Fx HTTP/1.1\r\nHost: a\r\n\r\n", Set.of(400, 404)),
                Arguments.of("dot segments", "GET /x/../../healthz HTTP/1.1\r\nHost: a\r\n\r\n", Set.of(400, 404)),
                Arguments.of("NUL in the path", "GET /health%00z HTTP/1.1\r\nHost: a\r\n\r\n", Set.of(400, 404)),
                Arguments.of("length not a number", "POST /slack/events HTTP/1.1\r\nHost: a\r\nContent-Length: ten\r\n\r\n",
                        Set.of(400)),
                Arguments.of("negative length", "POST /slack/events HTTP/1.1\r\nHost: a\r\nContent-Length: -5\r\n\r\n",
                        Set.of(400)),
                Arguments.of("two different lengths",
                        "POST /slack/events HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
                        Set.of(400)),
                Arguments.of("length and chunked", "POST /slack/events HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", Set.of(400)),
                Arguments.of("bad chunk size", "POST /slack/events HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "zz\r\nabc\r\n0\r\n\r\n", Set.of(400)),
                Arguments.of("unknown transfer coding", "POST /slack/events HTTP/1.1\r\nHost: a\r\n"
                        + "Transfer-Encoding: gzip\r\n\r\n", Set.of(400, 501)),
                Arguments.of("oversize declared body", "POST /slack/events HTTP/1.1\r\nHost: a\r\nContent-Length: "
                        + (HttpEndpoints.MAX_BODY_BYTES + 1) + "\r\n\r\n", Set.of(413)),
                Arguments.of("oversize body on a probe", "GET /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: 999999999\r\n\r\n",
                        Set.of(200, 413)),
                Arguments.of("HTTP/1.0 probe", "GET /healthz HTTP/1.0\r\n\r\n", Set.of(200)),
                Arguments.of("absolute URI", "GET http://a/healthz HTTP/1.1\r\nHost: a\r\n\r\n", Set.of(200)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void oddRequestsGetAPlainStatusAndThePortKeepsServing(String name, String request, Set<Integer> expected)
            throws Exception {
        try (var raw = new RawHttp(endpoints.port(), READ)) {
            // One answer, not everything until the close: a 404 keeps the connection open.
            var answer = raw.send(request).read();
            String all = answer.head() + answer.body();

            assertThat(all).as(name).startsWith("HTTP/1.1 ");
            assertThat(Integer.parseInt(all.substring(9, 12))).as(name + ": " + all).isIn(expected);
            assertThat(INTERNALS).as(name + ": " + all).noneMatch(all::contains);
            assertThat(all).as(name).doesNotContainIgnoringCase("Server:");
        }
        assertHealthzAnswers();
    }

    @Test
    void aWrongMethodNamesTheAllowedOnes() throws Exception {
        try (var raw = new RawHttp(endpoints.port(), READ)) {
            var probe = raw.send("POST /healthz HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n").read();
            var route = raw.send("GET /slack/events HTTP/1.1\r\nHost: a\r\n\r\n").read();

            assertThat(probe.status()).isEqualTo(405);
            assertThat(probe.header("Allow")).isEqualTo("GET, HEAD");
            assertThat(route.status()).isEqualTo(405);
            assertThat(route.header("Allow")).isEqualTo("POST");
        }
    }

    @Test
    void headIsAnsweredLikeGetWithoutABody() throws Exception {
        try (var raw = new RawHttp(endpoints.port(), READ)) {
            raw.send("HEAD /healthz HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n");

            String all = raw.readToEnd();

            assertThat(all).startsWith("HTTP/1.1 200 ").contains("Content-Type: application/json").endsWith("\r\n\r\n");
        }
    }

    @Test
    void aPortInUseIsTheUsualBindExceptionAtConstruction() throws Exception {
        try (var taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> new HttpEndpoints(taken.getLocalPort(), List.of(), List.of()))
                    .isInstanceOf(BindException.class).hasMessageContaining("already in use");
        }
    }

    private void assertHealthzAnswers() throws Exception {
        try (var raw = new RawHttp(endpoints.port(), READ)) {
            assertThat(raw.send("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(200);
        }
    }
}
