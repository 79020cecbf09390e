package dev.askgate.server;

import ch.qos.logback.classic.Level;
import dev.askgate.core.ChatPlatform;
import dev.askgate.core.http.HttpRoute;
import dev.askgate.core.http.RouteResponse;
import dev.askgate.testkit.openai.FakeModel;
import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AskgateServerTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";

    private final FakeOpenAi openAi = new FakeOpenAi();
    private final CapturedLogs logs = new CapturedLogs();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final TestPlatform platform = new TestPlatform("testchat");
    private Wiring wiring;
    private ModelWatch watch;
    private AskgateServer server;

    @AfterEach
    void stop() {
        platform.finishWork();
        if (server != null) server.shutdown();
        if (wiring != null) wiring.close();
        openAi.close();
        logs.close();
    }

    @Test
    void healthzIsAliveAndReadyzIsReadyWhenTheModelCheckPassesAndThePlatformIsConnected() throws Exception {
        start(List.of());

        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        awaitReadyz(200);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.body()).contains("\"status\":\"ready\"").contains("\"name\":\"model\"")
                .contains("\"name\":\"testchat\"").contains("key accepted");
        assertThat(openAi.requests()).anyMatch(call -> call.path().equals("/v1/models"));
        assertNoKeyIn(ready.body());
    }

    @Test
    void readyzIs503WhenTheKeyIsRejectedOrAPlatformDisconnects() throws Exception {
        start(List.of());
        awaitReadyz(200);

        openAi.acceptOnlyKeys("sk-proj-FAKE0000some0000other0000key");
        watch.checkNow();
        HttpResponse<String> rejected = get("/readyz");
        assertThat(rejected.statusCode()).isEqualTo(503);
        assertThat(rejected.body()).contains("OpenAI rejected the key (401)").contains("\"status\":\"not ready\"");

        openAi.acceptOnlyKeys(KEY);
        watch.checkNow();
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        platform.disconnect();
        assertThat(get("/readyz").statusCode()).isEqualTo(503);
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        assertNoKeyIn(rejected.body() + logs.all());
    }

    @Test
    void readyzSaysWhenTheUsageStoreIsDownAndIsReadyAgainWhenItAnswers() throws Exception {
        start(List.of());
        awaitReadyz(200);
        assertThat(get("/readyz").body()).contains("{\"name\":\"usage store\",\"ok\":true,\"detail\":\"reachable\"}");

        wiring.usage().health().unreachable("usage store at jdbc:sqlite:test cannot be reached");
        HttpResponse<String> down = get("/readyz");
        wiring.usage().health().reachable();

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"name\":\"usage store\",\"ok\":false,\"detail\":\"down: usage store at");
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void readyzShowsTheModelsShutdownDateWhileStillReady() throws Exception {
        LocalDate inAWeek = LocalDate.now(ZoneOffset.UTC).plusDays(7);
        openAi.models(FakeModel.shutsDownOn("gpt-6-luna", inAWeek));
        start(List.of());

        awaitReadyz(200);
        HttpResponse<String> ready = get("/readyz");

        assertThat(ready.body()).contains("\"status\":\"ready\"")
                .contains("model gpt-6-luna shuts down on " + inAWeek + " (7 days left");
        assertThat(logs.lines()).filteredOn(line -> line.startsWith("WARN " + ModelWatch.class.getName()))
                .singleElement().asString().contains("shuts down on " + inAWeek);
    }

    @Test
    void shutdownStopsTakingWorkButLetsAnAnswerInFlightFinish() throws Exception {
        openAi.enqueue(FakeOpenAi.answer("An answer that takes a while.").streamedInWords()
                .firstTokenAfter(Duration.ofMillis(300)));
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpRoute ask = HttpRoute.of("POST", "/ask", request -> {
            entered.countDown();
            release.await(30, TimeUnit.SECONDS);
            return AskRoute.ask(wiring.chat(), request);
        });
        start(List.of(ask));
        awaitReadyz(200);
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(HttpRequest.newBuilder(uri("/ask"))
                .POST(HttpRequest.BodyPublishers.ofString("What takes a while?")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> shutdown = CompletableFuture.runAsync(server::shutdown);
        assertThat(platform.awaitStopBegan(Duration.ofSeconds(20))).isTrue();

        assertThat(platform.takingWork()).isFalse();
        HttpResponse<String> readyz = get("/readyz");
        assertThat(readyz.statusCode()).isEqualTo(503);
        assertThat(readyz.body()).contains("\"status\":\"stopping\"");
        assertThat(post("/ask", "A new question").statusCode()).isEqualTo(503);
        assertThat(inFlight).isNotDone();
        release.countDown();
        platform.finishWork();
        shutdown.get(30, TimeUnit.SECONDS);

        assertThat(inFlight.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(inFlight.get().body()).isEqualTo("An answer that takes a while.");
        assertThat(platform.workFinishedBeforeDisconnect()).isTrue();
        assertThat(platform.graceGiven()).as("the grace left, less time to disconnect")
                .isLessThanOrEqualTo(Duration.ofSeconds(20)).isGreaterThan(Duration.ofSeconds(10));
        assertThat(openAi.chatRequests()).hasSize(1);
        assertNoKeyIn(logs.all());
    }

    @Test
    void theWholeShutdownEndsWithinTheGracePeriodEvenWhenAPlatformAndARequestOverrunIt() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch requestEntered = new CountDownLatch(1);
        var stubborn = new StubbornPlatform(never);
        HttpRoute hanging = HttpRoute.of("POST", "/hang", request -> {
            requestEntered.countDown();
            never.await(60, TimeUnit.SECONDS);
            return RouteResponse.text(200, "too late");
        });
        start(List.of(hanging), List.of(stubborn), Duration.ofSeconds(2));
        client.sendAsync(HttpRequest.newBuilder(uri("/hang")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(requestEntered.await(20, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        server.shutdown();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        // The old shutdown gave platforms grace + 5 s; a generous margin over the 2 s, far under that.
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(stubborn.graceGiven).isLessThan(Duration.ofSeconds(2)).isGreaterThan(Duration.ofSeconds(1));
        assertThat(stubborn.interrupted.await(20, TimeUnit.SECONDS)).as("abandoned at the deadline").isTrue();
        assertThat(logs.all()).contains("platform stubborn was still stopping at the end of the grace period")
                .contains("HTTP requests still running after the grace period");
    }

    @Test
    void aPlatformThatFailsToStopIsOneWarningLineWithItsReasonAndTheStackTraceOnlyAtDebug() throws Exception {
        ChatPlatform failing = new ChatPlatform() {
            public String name() { return "failing"; }
            public void start() { }
            public boolean ready() { return true; }
            public void stop(Duration grace) { throw new IllegalStateException("socket already gone"); }
        };
        start(List.of(), List.of(failing), Duration.ofSeconds(5));

        server.shutdown();

        assertThat(logs.events()).filteredOn(e -> e.getFormattedMessage().startsWith("platform failing did not stop"))
                .satisfiesExactlyInAnyOrder(
                        warn -> {
                            assertThat(warn.getLevel()).isEqualTo(Level.WARN);
                            assertThat(warn.getFormattedMessage()).isEqualTo(
                                    "platform failing did not stop cleanly: IllegalStateException: socket already gone");
                            assertThat(warn.getThrowableProxy()).isNull();
                        },
                        debug -> {
                            assertThat(debug.getLevel()).isEqualTo(Level.DEBUG);
                            assertThat(debug.getThrowableProxy()).isNotNull();
                        });
    }

    private void start(List<HttpRoute> routes) throws Exception {
        start(routes, List.of(platform), Duration.ofSeconds(20));
    }

    private void start(List<HttpRoute> routes, List<ChatPlatform> platforms, Duration grace) throws Exception {
        var env = Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(), "DISCORD_BOT_TOKEN", "FAKE-discord");
        AskgateConfig config = ((AskgateConfig.Loaded.Valid) AskgateConfig.load(AskgateRun.withOwnStore(env))).config();
        wiring = new Wiring(config);
        var serverConfig = new ServerConfig(0, grace, Duration.ofMinutes(10), "INFO");
        watch = new ModelWatch(wiring.model(), wiring.checkText(), serverConfig.modelCheckInterval());
        server = new AskgateServer(serverConfig, watch, platforms, routes, wiring.json(), Optional.of(wiring.usage()));
        server.start();
    }

    /** A platform whose stop ignores its grace and waits until it is interrupted. */
    private static final class StubbornPlatform implements ChatPlatform {
        private final CountDownLatch never;
        final CountDownLatch interrupted = new CountDownLatch(1);
        volatile Duration graceGiven;

        StubbornPlatform(CountDownLatch never) {
            this.never = never;
        }

        public String name() { return "stubborn"; }
        public void start() { }
        public boolean ready() { return true; }

        public void stop(Duration grace) {
            graceGiven = grace;
            try {
                never.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        }
    }

    private void awaitReadyz(int status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (get("/readyz").statusCode() != status) {
            assertThat(System.nanoTime()).as("readyz %d within 20 s", status).isLessThan(deadline);
            Thread.sleep(25); // polling interval, not synchronisation
        }
    }

    private void assertNoKeyIn(String text) {
        assertThat(text).doesNotContain(KEY);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }
}
