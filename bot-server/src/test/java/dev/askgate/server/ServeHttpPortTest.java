package dev.askgate.server;

import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.HttpDelivery;
import dev.askgate.testkit.slack.SlackSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.askgate.server.SlackServe.BOT_TOKEN;
import static dev.askgate.server.SlackServe.KEY;
import static dev.askgate.server.SlackServe.SIGNING_SECRET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code askgate serve} with Slack in HTTP mode: every route on ASKGATE_PORT follows the same rules
 * (405 with Allow, 404, 431, 400 for what cannot be parsed or read, 413 before the body, a bounded number of
 * connections), and no answer or log line holds the OpenAI key, the signing secret or a stack trace.
 */
class ServeHttpPortTest {
    private static final Duration READ = Duration.ofSeconds(20);
    private static final int MAX_CONNECTIONS = 16;

    private final SlackServe fixture = new SlackServe();
    private final FakeOpenAi openAi = fixture.openAi;
    private final FakeSlack slack = fixture.slack;
    private final List<String> answers = new ArrayList<>();
    private ServeProcess serve;

    @AfterEach
    void close() throws IOException {
        fixture.close();
    }

    @Test
    void everyRouteOnThePortHoldsToTheSameRulesAndNothingSecretOrInternalComesOut(@TempDir Path dir) throws Exception {
        openAi.answerAlways("fine");
        serve = fixture.httpMode(dir, Map.of("ASKGATE_HTTP_MAX_CONNECTIONS", String.valueOf(MAX_CONNECTIONS)));

        for (String path : List.of("/healthz", "/readyz")) {
            assertThat(exchange("POST " + path + " HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\n").header("Allow"))
                    .isEqualTo("GET, HEAD");
            assertThat(exchange("HEAD " + path + " HTTP/1.1\r\nHost: a\r\n\r\n").status()).isEqualTo(200);
            assertThat(exchange("GET " + path + " HTTP/1.1\r\nHost: a\r\nX-Big: " + "y".repeat(20_000) + "\r\n\r\n")
                    .status()).isEqualTo(431);
        }
        var get = exchange("GET /slack/events HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(get.status()).isEqualTo(405);
        assertThat(get.header("Allow")).isEqualTo("POST");
        assertThat(exchange("GET /metrics/../../etc/passwd HTTP/1.1\r\nHost: a\r\n\r\n").status()).isIn(400, 404);
        assertThat(exchange("GET /slack HTTP/1.1\r\nHost: a\r\n\r\n").status()).isEqualTo(404);
        assertThat(exchange("GARBAGE\r\n\r\n").status()).isEqualTo(400);
        assertThat(exchange("POST /slack/events HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
                .status()).isEqualTo(400);
        try (var raw = new RawHttp(serve.port, READ)) {
            String all = raw.send("POST /slack/events HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 104857600\r\nExpect: 100-continue\r\n\r\n").readToEnd();
            answers.add(all);
            assertThat(all).startsWith("HTTP/1.1 413 ").doesNotContain("HTTP/1.1 100");
        }

        assertThat(signed("{\"type\":\"event_callback\",\"event\":\"just a string\"}").status()).isEqualTo(400);
        assertThat(signed("[]").status()).isEqualTo(400);
        assertThat(signed("{\"token\":\"FAKEtoken\",\"type\":\"app_rate_limited\",\"team_id\":\"T0FAKE\","
                + "\"minute_rate_limited\":1518467820,\"api_app_id\":\"A0FAKE\"}").status()).isEqualTo(200);
        HttpDelivery unsigned = slack.post(serve.uri("/slack/events"), "application/json", "[]", Map.of());
        answers.add(unsigned.body());
        assertThat(unsigned.status()).isEqualTo(401);

        holdEveryConnectionAndSeeTheNextRefused();

        int status = serve.terminate();
        String log = serve.log();
        assertThat(status).as(log).isZero();
        assertThat(log).contains("refused a signed request of 49 bytes: event_callback whose event is not an object")
                .contains("refused a signed request of 2 bytes: JSON that is not an object")
                .contains("app_rate_limited").contains("HTTP connection refused: " + MAX_CONNECTIONS + " open")
                .doesNotContain("just a string");
        // Exceptions and stack traces appear only at DEBUG (the process runs with ASKGATE_LOG_LEVEL=DEBUG).
        assertThat(aboveDebug(log)).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat "));
        assertThat(log + String.join("\n", answers)).doesNotContain(KEY).doesNotContain(SIGNING_SECRET)
                .doesNotContain(BOT_TOKEN);
        assertThat(String.join("\n", answers)).doesNotContain("jetty").doesNotContain("Jetty")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** Opens connections until one is refused: at most the limit are served (the test's HTTP clients keep some). */
    private void holdEveryConnectionAndSeeTheNextRefused() throws Exception {
        List<RawHttp> held = new ArrayList<>();
        String refused = null;
        try {
            while (refused == null && held.size() <= MAX_CONNECTIONS) {
                var raw = new RawHttp(serve.port, READ);
                held.add(raw);
                var answer = raw.send("GET /healthz HTTP/1.1\r\nHost: a\r\n\r\n").read();
                if (answer.status() == 503) refused = answer.head() + answer.body() + raw.readToEnd();
            }
        } finally {
            for (RawHttp raw : held) raw.close();
        }
        assertThat(refused).isNotNull().contains("Connection: close").endsWith("too many open connections");
        assertThat(held).hasSizeLessThanOrEqualTo(MAX_CONNECTIONS + 1);
        answers.add(refused);
        // The server counts a connection gone once its selector has seen the close; until then it may refuse.
        serve.awaitStatus("/healthz", 200);
    }

    /** The log's lines, each continuation line (a stack trace) kept only when its event is above DEBUG. */
    private static List<String> aboveDebug(String log) {
        List<String> kept = new ArrayList<>();
        boolean debug = false;
        for (String line : log.lines().toList()) {
            if (line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")) debug = line.contains(" DEBUG ") || line.contains(" TRACE ");
            if (!debug) kept.add(line);
        }
        return kept;
    }

    private HttpDelivery signed(String body) {
        HttpDelivery d = slack.post(serve.uri("/slack/events"), "application/json", body,
                new SlackSigner(SIGNING_SECRET).headers(Instant.now().getEpochSecond(), body));
        answers.add(d.body());
        return d;
    }

    private RawHttp.Answer exchange(String request) throws IOException {
        try (var raw = new RawHttp(serve.port, READ)) {
            RawHttp.Answer answer = raw.send(request).read();
            answers.add(answer.head() + answer.body());
            return answer;
        }
    }
}
