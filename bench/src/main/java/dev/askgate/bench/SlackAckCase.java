package dev.askgate.bench;

import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.slack.HttpDelivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Slack's HTTP mode: many signed {@code /ask} posted at once while the model takes seconds per answer, and how
 * long each POST waits for its 200 (Slack gives up after 3 s). Then every answer must still arrive.
 */
final class SlackAckCase implements BenchCase {
    private static final double P99_GOAL_MS = 50;
    private static final int WORDS = 20;

    /** The load: commands at once, channels they spread over, the model's time per answer. */
    record Shape(int commands, int channels, Duration model, Duration deadline) {
        static final Shape FULL = new Shape(200, 20, Duration.ofSeconds(10), Duration.ofSeconds(90));
        static final Shape SHORT = new Shape(20, 4, Duration.ofSeconds(1), Duration.ofSeconds(30));

        String describe() {
            return commands + " signed /ask at once over " + channels + " channels (HTTP mode), the model taking "
                    + model.toSeconds() + " s per streamed answer";
        }
    }

    private final Shape full;
    private final Shape quick;

    SlackAckCase() {
        this(Shape.FULL, Shape.SHORT);
    }

    SlackAckCase(Shape full, Shape quick) {
        this.full = full;
        this.quick = quick;
    }

    @Override
    public String name() {
        return "slack-ack";
    }

    @Override
    public String description() {
        return full.describe();
    }

    @Override
    public BenchResult run(boolean shortRun) throws Exception {
        Shape shape = shortRun ? quick : full;
        String answer = "The fake model's slow answer:" + " word".repeat(WORDS - 6) + " end.";
        try (SlackHttpRig rig = new SlackHttpRig(ServeJar.fromSystemProperties(), Map.of())) {
            warmUp(rig);
            rig.openAi.replyAlways(FakeAnswer.of(answer).streamedInWords()
                    .perTokenDelay(shape.model().dividedBy(WORDS)));
            List<HttpDelivery> acks = postAtOnce(rig, shape);
            List<Double> millis = acks.stream().filter(d -> d.status() == 200)
                    .map(d -> d.after().toNanos() / 1e6).toList();
            int answered = awaitAnswers(rig, answer, shape);
            Latencies ack = new Latencies(millis);
            List<BenchResult.Row> rows = List.of(
                    new BenchResult.Row("acknowledged 200", millis.size() + " of " + shape.commands(),
                            "all", millis.size() == shape.commands()),
                    new BenchResult.Row("ack latency p99", Latencies.ms(ack.p99()), "<= " + Latencies.ms(P99_GOAL_MS),
                            ack.p99() <= P99_GOAL_MS),
                    BenchResult.Row.info("ack latency p50 / p95 / max", ack.summary()),
                    new BenchResult.Row("answers delivered", answered + " of " + shape.commands(), "all",
                            answered == shape.commands()));
            return new BenchResult(name(), shape.describe(), rows).judgedOnlyWhen(shape == full, "ack latency");
        }
    }

    /** A few unmeasured commands: the first ones also pay for class loading and the JIT. */
    private static void warmUp(SlackHttpRig rig) throws InterruptedException {
        rig.openAi.replyAlways(FakeAnswer.of("Warm."));
        for (int i = 0; i < 10; i++) rig.ask("C0WARMUP" + i, "U0WARMUP", "warm-up " + i);
        Thread.sleep(1_000); // the warm-up answers go out before the measured burst
    }

    private static List<HttpDelivery> postAtOnce(SlackHttpRig rig, Shape shape) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpDelivery>> posts = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < shape.commands(); i++) {
                String channel = String.format("C0ACK%04d", i % shape.channels());
                String user = String.format("U0ACK%04d", i);
                String question = "question " + i + " of the run";
                posts.add(threads.submit(() -> {
                    start.await();
                    return rig.ask(channel, user, question);
                }));
            }
            start.countDown();
            List<HttpDelivery> acks = new ArrayList<>();
            for (Future<HttpDelivery> post : posts) acks.add(post.get());
            return acks;
        }
    }

    /** How many bot messages read the whole answer once they all do, or at the deadline. */
    private static int awaitAnswers(SlackHttpRig rig, String answer, Shape shape) throws InterruptedException {
        long deadline = System.nanoTime() + shape.deadline().toNanos();
        int answered;
        do {
            Thread.sleep(250); // polling interval; the answers' times are not measured here
            answered = (int) rig.slack.messages().stream().filter(m -> m.fromBot() && m.text().equals(answer)).count();
        } while (answered < shape.commands() && System.nanoTime() < deadline);
        return answered;
    }
}
