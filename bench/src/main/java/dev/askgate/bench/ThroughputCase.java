package dev.askgate.bench;

import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.slack.HttpDelivery;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Askgate's own capacity on its HTTP port: {@code GET /healthz} as fast as a few clients can ask, then signed
 * {@code /ask} in Slack's HTTP mode with an instant model and FakeSlack's limits off, counted as answered
 * (the answer posted) per second. On a shared 2-core machine the fakes and the load run on the same cores.
 */
final class ThroughputCase implements BenchCase {
    private static final double ANSWERED_GOAL = 1_000;

    /**
     * The load: clients at once, probe seconds, how many /ask, over how many channels. Askgate paces its posts
     * per channel as Slack limits them (about one a second), so each question gets a channel of its own: what is
     * measured is Askgate's capacity, not that pacing.
     */
    record Shape(int clients, Duration probes, int asks, int channels) {
        static final Shape FULL = new Shape(32, Duration.ofSeconds(5), 3_000, 3_000);
        static final Shape SHORT = new Shape(8, Duration.ofSeconds(1), 100, 100);

        String describe() {
            return clients + " clients: GET /healthz for " + probes.toSeconds() + " s, then " + asks
                    + " signed /ask (HTTP mode) over " + channels + " channels, instant model, FakeSlack's limits off";
        }
    }

    @Override
    public String name() {
        return "http-throughput";
    }

    @Override
    public String description() {
        return Shape.FULL.describe();
    }

    @Override
    public BenchResult run(boolean shortRun) throws Exception {
        Shape shape = shortRun ? Shape.SHORT : Shape.FULL;
        try (SlackHttpRig rig = new SlackHttpRig(ServeJar.fromSystemProperties(), Map.of())) {
            rig.openAi.replyAlways(FakeAnswer.of("Instant."));
            // Unmeasured warm-ups first (class loading and the JIT), then the measured runs.
            probes(rig, new Shape(shape.clients(), Duration.ofSeconds(1), 0, 0));
            double probeRate = probes(rig, shape);
            WarmUp.slack(rig, WarmUp.questions(shortRun));
            Duration serveBefore = rig.serve.cpuTime();
            Duration benchBefore = CpuTime.ofBench();
            AskRates rates = asks(rig, "M", shape);
            double serveMs = CpuTime.perItemMs(rig.serve.cpuTime().minus(serveBefore), rates.delivered());
            double benchMs = CpuTime.perItemMs(CpuTime.ofBench().minus(benchBefore), rates.delivered());
            int cores = Runtime.getRuntime().availableProcessors();
            List<BenchResult.Row> rows = List.of(
                    BenchResult.Row.info("GET /healthz per second", String.format("%.0f", probeRate)),
                    BenchResult.Row.info("signed /ask acknowledged per second", String.format("%.0f", rates.acked())),
                    new BenchResult.Row("signed /ask answered per second", String.format("%.0f", rates.answered()),
                            String.format(">= %.0f", ANSWERED_GOAL), rates.answered() >= ANSWERED_GOAL),
                    BenchResult.Row.info("CPU per answered /ask: serve / the fakes and the load",
                            String.format("%.2f ms / %.2f ms", serveMs, benchMs)),
                    BenchResult.Row.info("serve's own capacity: " + cores + " cores / its CPU per /ask",
                            String.format("%.0f per second", cores * 1_000 / serveMs)),
                    new BenchResult.Row("requests failed", Integer.toString(rates.failed()), "0", rates.failed() == 0),
                    new BenchResult.Row("answers delivered", rates.delivered() + " of " + shape.asks(), "all",
                            rates.delivered() == shape.asks()));
            return new BenchResult(name(), shape.describe(), rows).judgedOnlyWhen(!shortRun, "signed /ask answered");
        }
    }

    private static double probes(SlackHttpRig rig, Shape shape) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(rig.serve.uri("/healthz")).GET().build();
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        long until = start + shape.probes().toNanos();
        AtOnce.run(shape.clients(), i -> {
            while (System.nanoTime() < until) {
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) done.incrementAndGet();
            }
            return null;
        });
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    record AskRates(double acked, double answered, int failed, int delivered) { }

    private static AskRates asks(SlackHttpRig rig, String round, Shape shape) throws Exception {
        // Each round its own answer text, so that late answers of the round before are not counted in this one.
        String answer = "Instant answer of round " + round + ".";
        rig.openAi.replyAlways(FakeAnswer.of(answer));
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        AtOnce.spread(shape.clients(), shape.asks(), i -> {
            HttpDelivery ack = rig.ask(String.format("C0RPS%s%04d", round, i % shape.channels()), String.format("U0RPS%05d", i),
                    "question " + i);
            if (ack.status() != 200) failed.incrementAndGet();
            return null;
        });
        double ackedSeconds = (System.nanoTime() - start) / 1e9;
        int delivered = rig.awaitAnswered(answer, shape.asks(), Duration.ofSeconds(120));
        double answeredSeconds = (System.nanoTime() - start) / 1e9;
        return new AskRates(shape.asks() / ackedSeconds, delivered / answeredSeconds, failed.get(), delivered);
    }
}
