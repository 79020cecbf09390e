package dev.askgate.bench;

import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.slack.SlackLimits;
import dev.askgate.testkit.slack.SlashCommand;
import dev.askgate.testkit.slack.SocketAck;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Many {@code /ask} at once over several channels (Socket Mode, {@code askgate serve} from the jar), a model
 * taking seconds per streamed answer, and
 * FakeSlack enforcing Slack's published limits: how soon after its acknowledgement each whole answer is shown,
 * beside the floor those limits put on the last one; and none lost, none twice, no 429 left unhandled.
 */
final class SlackBurstCase implements BenchCase {
    /** The load: how many questions over how many channels, and how long the model takes per answer. */
    record Shape(int questions, int channels, Duration modelMin, Duration modelMax, Duration deadline) {
        static final Shape FULL = new Shape(200, 20, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(180));
        static final Shape SHORT = new Shape(20, 4, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(60));

        String describe() {
            return questions + " /ask at once over " + channels + " channels, model " + modelMin.toSeconds() + "–"
                    + modelMax.toSeconds() + " s per streamed answer, Slack's limits enforced";
        }
    }

    private static final Duration P50_GOAL = Duration.ofSeconds(15);
    private static final Duration MAX_GOAL = Duration.ofSeconds(30);
    private static final int WORDS = 24;

    private final Shape fullShape;
    private final Shape shortShape;

    SlackBurstCase() {
        this(Shape.FULL, Shape.SHORT);
    }

    SlackBurstCase(Shape fullShape, Shape shortShape) {
        this.fullShape = fullShape;
        this.shortShape = shortShape;
    }

    @Override
    public String name() {
        return "slack-burst";
    }

    @Override
    public String description() {
        return Shape.FULL.describe();
    }

    @Override
    public BenchResult run(boolean shortRun) throws Exception {
        Shape shape = shortRun ? shortShape : fullShape;
        SlackLimits limits = SlackLimits.PUBLISHED;
        // The burst measures Slack's pacing: every question may hold a model call (OPENAI_MAX_CONCURRENT, the rig's).
        try (SlackSocketRig app = new SlackSocketRig(ServeJar.fromSystemProperties(),
                Map.of("SLACK_EDIT_INTERVAL_MS", "1500"))) {
            app.slack.enforce(limits);
            List<String> answers = scriptAnswers(app, shape);
            List<BurstQuestion> questions = new ArrayList<>();
            List<String> envelopes = new ArrayList<>();
            for (int i = 0; i < shape.questions(); i++) {
                String channel = String.format("C0BENCH%03d", i % shape.channels());
                SlashCommand command = app.slack.slashCommand("/ask", channel, String.format("U0ASKER%03d", i),
                        "question " + i + " of the burst");
                questions.add(new BurstQuestion(i, channel, Instant.now()));
                envelopes.add(app.slack.deliver(command));
            }
            List<Instant> acks = new ArrayList<>();
            for (int i = 0; i < envelopes.size(); i++) {
                SocketAck ack = app.slack.socketMode().awaitAck(envelopes.get(i), Duration.ofSeconds(30));
                acks.add(questions.get(i).sent().plus(ack.after()));
            }
            BurstOutcome outcome = BurstOutcome.await(app.slack, questions, acks, answers, shape.deadline());
            return table(shape, limits, outcome);
        }
    }

    /** One answer per question, each of {@link #WORDS} words streamed over a time between the shape's bounds. */
    private static List<String> scriptAnswers(SlackSocketRig app, Shape shape) {
        Random random = new Random(9);
        List<String> answers = new ArrayList<>();
        long spread = shape.modelMax().toMillis() - shape.modelMin().toMillis();
        for (int i = 0; i < shape.questions(); i++) {
            StringBuilder text = new StringBuilder("Answer ").append(i).append(':');
            for (int w = 0; w < WORDS - 3; w++) text.append(" word").append(w);
            text.append(" end-").append(i).append('.');
            long total = shape.modelMin().toMillis() + (spread <= 0 ? 0 : random.nextLong(spread + 1));
            answers.add(text.toString());
            app.openAi.enqueue(FakeAnswer.of(text.toString()).streamedInWords()
                    .perTokenDelay(Duration.ofMillis(total / WORDS)));
        }
        return answers;
    }

    private static BenchResult table(Shape shape, SlackLimits limits, BurstOutcome o) {
        int perChannel = (shape.questions() + shape.channels() - 1) / shape.channels();
        // The last answer of the fullest channel needs every post of that channel before it: a quote and an answer
        // per question, at postsPerSecond after the burst allowance, and never before the model's shortest answer.
        double postFloor = Math.max(0, 2.0 * perChannel - limits.postBurst()) / limits.postsPerSecond();
        double floor = Math.max(postFloor, shape.modelMin().toMillis() / 1000.0);
        // Were every answer to need one chat.update (first words posted, then completed), the workspace budget would set it.
        double updateFloor = Math.max(0, shape.questions() - limits.updatesPerWindow())
                * (double) limits.updateWindow().toSeconds() / limits.updatesPerWindow();
        List<BenchResult.Row> rows = List.of(
                BenchResult.Row.info("floor on the last answer (posts: " + limits.postsPerSecond() + "/s per channel, burst "
                        + limits.postBurst() + ")", seconds(floor)),
                BenchResult.Row.info("floor if every answer needed one chat.update (" + limits.updatesPerWindow() + "/"
                        + limits.updateWindow().toSeconds() + " s per workspace)", seconds(updateFloor)),
                BenchResult.Row.info("acknowledged", o.acknowledged() + " of " + shape.questions()),
                new BenchResult.Row("whole answer p50 from ack", seconds(o.p50()), "<= " + P50_GOAL.toSeconds() + " s",
                        o.p50() <= P50_GOAL.toSeconds()),
                new BenchResult.Row("whole answer max from ack", seconds(o.max()), "<= " + MAX_GOAL.toSeconds() + " s",
                        o.max() <= MAX_GOAL.toSeconds()),
                new BenchResult.Row("lost", Integer.toString(o.lost()), "0", o.lost() == 0),
                new BenchResult.Row("duplicated", Integer.toString(o.duplicated()), "0", o.duplicated() == 0),
                BenchResult.Row.info("429s answered by FakeSlack", Long.toString(o.rateLimited())),
                new BenchResult.Row("429s unhandled", Integer.toString(o.unhandled429()), "0", o.unhandled429() == 0),
                BenchResult.Row.info("chat.postMessage / chat.update calls", o.posts() + " / " + o.updates()));
        return new BenchResult("slack-burst", shape.describe(), rows).judgedOnlyWhen(shape == Shape.FULL, "whole answer");
    }

    private static String seconds(double s) {
        return String.format("%.1f s", s);
    }
}
