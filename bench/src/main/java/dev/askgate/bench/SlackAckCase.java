package dev.askgate.bench;

import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.slack.HttpDelivery;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
            WarmUp.slack(rig, WarmUp.questions(shortRun));
            rig.openAi.replyAlways(FakeAnswer.of(answer).streamedInWords()
                    .perTokenDelay(shape.model().dividedBy(WORDS)));
            List<HttpDelivery> acks = postAtOnce(rig, shape);
            List<Double> millis = acks.stream().filter(d -> d.status() == 200)
                    .map(d -> d.after().toNanos() / 1e6).toList();
            int answered = rig.awaitAnswered(answer, shape.commands(), shape.deadline());
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

    private static List<HttpDelivery> postAtOnce(SlackHttpRig rig, Shape shape) throws Exception {
        return AtOnce.run(shape.commands(), i -> rig.ask(String.format("C0ACK%04d", i % shape.channels()),
                String.format("U0ACK%04d", i), "question " + i + " of the run"));
    }
}
