package dev.askgate.bench;

import dev.askgate.testkit.discord.SentMessage;
import dev.askgate.testkit.openai.FakeAnswer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Askgate itself adds to an answer: questions asked 64 at once (each in a channel of its own), a model that
 * answers in one piece after a fixed time, and the time from the question to the whole answer shown, minus that
 * model time. Slack's HTTP mode (from the signed POST) and Discord (from the mention), in rounds.
 */
final class OverheadCase implements BenchCase {
    static final Duration MODEL = Duration.ofMillis(200);
    private static final String ANSWER = "The answer, in one piece.";
    private static final double P50_GOAL_MS = 2;
    private static final double P99_GOAL_MS = 10;
    private static final Duration WAIT = Duration.ofSeconds(60);

    /** How many questions at once, and how many rounds of them. */
    record Shape(int concurrent, int rounds) {
        static final Shape FULL = new Shape(64, 4);
        static final Shape SHORT = new Shape(8, 1);

        String describe() {
            return concurrent + " questions at once, " + rounds + " rounds per platform, the model answering in one piece after "
                    + MODEL.toMillis() + " ms";
        }
    }

    @Override
    public String name() {
        return "overhead";
    }

    @Override
    public String description() {
        return Shape.FULL.describe();
    }

    @Override
    public BenchResult run(boolean shortRun) throws Exception {
        Shape shape = shortRun ? Shape.SHORT : Shape.FULL;
        ServeJar jar = ServeJar.fromSystemProperties();
        FakeAnswer answer = FakeAnswer.of(ANSWER).firstTokenAfter(MODEL);
        int warmUps = WarmUp.questions(shortRun);
        Latencies slack = slack(jar, shape, answer, warmUps).minus(MODEL.toMillis());
        Latencies discord = discord(jar, shape, answer, warmUps).minus(MODEL.toMillis());
        int expected = shape.concurrent() * shape.rounds();
        List<BenchResult.Row> rows = new ArrayList<>();
        rows.addAll(rowsFor("Slack HTTP", slack, expected));
        rows.addAll(rowsFor("Discord", discord, expected));
        return new BenchResult(name(), shape.describe(), rows).judgedOnlyWhen(shape == Shape.FULL, "overhead");
    }

    private static List<BenchResult.Row> rowsFor(String platform, Latencies overhead, int expected) {
        return List.of(
                new BenchResult.Row("overhead " + platform + " p50", Latencies.ms(overhead.p50()),
                        "<= " + Latencies.ms(P50_GOAL_MS), overhead.p50() <= P50_GOAL_MS),
                new BenchResult.Row("overhead " + platform + " p99", Latencies.ms(overhead.p99()),
                        "<= " + Latencies.ms(P99_GOAL_MS), overhead.p99() <= P99_GOAL_MS),
                new BenchResult.Row(platform + " answers", overhead.count() + " of " + expected, "all",
                        overhead.count() == expected));
    }

    private static Latencies slack(ServeJar jar, Shape shape, FakeAnswer answer, int warmUps) throws Exception {
        List<Double> millis = new ArrayList<>();
        try (SlackHttpRig rig = new SlackHttpRig(jar, Map.of())) {
            WarmUp.slack(rig, warmUps);
            rig.openAi.replyAlways(answer);
            for (int round = -1; round < shape.rounds(); round++) { // round -1 (the case's own shape) is not counted
                String prefix = "C0OVR" + (round + 1) + "X";
                List<Instant> asked = AtOnce.run(shape.concurrent(), i -> {
                    Instant at = Instant.now();
                    rig.ask(prefix + i, "U0OVERHEAD", "question " + i);
                    return at;
                });
                for (int i = 0; i < asked.size(); i++) {
                    String channel = prefix + i;
                    Instant shown = rig.slack.await(() -> rig.shown(channel, ANSWER), WAIT, "the answer in " + channel);
                    if (round >= 0) millis.add(Duration.between(asked.get(i), shown).toNanos() / 1e6);
                }
            }
        }
        return new Latencies(millis);
    }

    private static Latencies discord(ServeJar jar, Shape shape, FakeAnswer answer, int warmUps) throws Exception {
        List<Double> millis = new ArrayList<>();
        try (DiscordRig rig = new DiscordRig(jar, shape.concurrent(), Map.of())) {
            WarmUp.discord(rig, warmUps);
            Thread.sleep(5_000); // the warm-up's edits (none expected) and creates are out of every channel's window
            rig.openAi.replyAlways(answer);
            for (int round = -1; round < shape.rounds(); round++) {
                List<Instant> asked = AtOnce.run(shape.concurrent(), i -> rig.mention(rig.channels.get(i), "question " + i));
                for (int i = 0; i < asked.size(); i++) {
                    String channel = rig.channels.get(i);
                    Instant after = asked.get(i);
                    SentMessage message = rig.discord.await(() -> rig.discord.messagesIn(channel).stream()
                            .filter(m -> !m.times().getFirst().isBefore(after) && m.text().equals(ANSWER))
                            .findFirst().orElse(null), WAIT, "the answer in " + channel);
                    Instant shown = DiscordRig.whenText(message, ANSWER).orElseThrow();
                    if (round >= 0) millis.add(Duration.between(after, shown).toNanos() / 1e6);
                }
                Thread.sleep(1_000); // a channel's edit budget (5 per 5 s) is not what this case measures
            }
        }
        return new Latencies(millis);
    }
}
