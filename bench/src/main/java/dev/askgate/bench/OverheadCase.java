package dev.askgate.bench;

import dev.askgate.testkit.discord.SentMessage;
import dev.askgate.testkit.openai.FakeAnswer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;

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
    /** Questions asked one at a time after the rounds: the overhead without a queue for the CPU. */
    private static final int ONE_BY_ONE = 16;
    private static final Duration POLL = Duration.ofMillis(10);

    /**
     * One platform's figures: the overhead of the questions asked at once and of those asked one at a time, and the
     * CPU time per question (of the rounds at once) of serve and of this process (the fakes and the load).
     */
    record Measured(Latencies atOnce, Latencies oneByOne, double serveCpuMs, double benchCpuMs) {
        Measured minus(double modelMs) {
            return new Measured(atOnce.minus(modelMs), oneByOne.minus(modelMs), serveCpuMs, benchCpuMs);
        }
    }

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
        Measured slack = slack(jar, shape, answer, warmUps).minus(MODEL.toMillis());
        Measured discord = discord(jar, shape, answer, warmUps).minus(MODEL.toMillis());
        List<BenchResult.Row> rows = new ArrayList<>();
        rows.addAll(rowsFor("Slack HTTP", slack, shape));
        rows.addAll(rowsFor("Discord", discord, shape));
        return new BenchResult(name(), shape.describe(), rows).judgedOnlyWhen(shape == Shape.FULL, "overhead");
    }

    private static List<BenchResult.Row> rowsFor(String platform, Measured measured, Shape shape) {
        Latencies overhead = measured.atOnce();
        int expected = shape.concurrent() * shape.rounds();
        int cores = Runtime.getRuntime().availableProcessors();
        double queue = shape.concurrent() * (measured.serveCpuMs() + measured.benchCpuMs()) / cores;
        return List.of(
                new BenchResult.Row("overhead " + platform + " p50", Latencies.ms(overhead.p50()),
                        "<= " + Latencies.ms(P50_GOAL_MS), overhead.p50() <= P50_GOAL_MS),
                new BenchResult.Row("overhead " + platform + " p99", Latencies.ms(overhead.p99()),
                        "<= " + Latencies.ms(P99_GOAL_MS), overhead.p99() <= P99_GOAL_MS),
                BenchResult.Row.info("overhead " + platform + " one question at a time, p50 / p95 / max",
                        measured.oneByOne().summary()),
                BenchResult.Row.info(platform + " CPU per question: serve / the fakes and the load",
                        String.format("%.2f ms / %.2f ms", measured.serveCpuMs(), measured.benchCpuMs())),
                BenchResult.Row.info(platform + " " + shape.concurrent() + " questions' CPU on " + cores
                        + " cores (the queue the last one waits in)", Latencies.ms(queue)),
                new BenchResult.Row(platform + " answers", overhead.count() + " of " + expected, "all",
                        overhead.count() == expected));
    }

    private static Measured slack(ServeJar jar, Shape shape, FakeAnswer answer, int warmUps) throws Exception {
        List<Double> millis = new ArrayList<>();
        try (SlackHttpRig rig = new SlackHttpRig(jar, Map.of())) {
            WarmUp.slack(rig, warmUps);
            rig.openAi.replyAlways(answer);
            Duration serveCpu = Duration.ZERO;
            Duration benchCpu = Duration.ZERO;
            for (int round = -1; round < shape.rounds(); round++) { // round -1 (the case's own shape) is not counted
                Duration serveBefore = rig.serve.cpuTime();
                Duration benchBefore = CpuTime.ofBench();
                String prefix = "C0OVR" + (round + 1) + "X";
                List<Instant> asked = AtOnce.run(shape.concurrent(), i -> {
                    Instant at = Instant.now();
                    rig.ask(prefix + i, "U0OVERHEAD", "question " + i);
                    return at;
                });
                List<String> channels = IntStream.range(0, asked.size()).mapToObj(i -> prefix + i).toList();
                List<Instant> shown = whenAllShown(channels, () -> rig.shownIn(channels, ANSWER));
                for (int i = 0; i < asked.size(); i++) {
                    if (round >= 0) millis.add(Duration.between(asked.get(i), shown.get(i)).toNanos() / 1e6);
                }
                if (round >= 0) {
                    serveCpu = serveCpu.plus(rig.serve.cpuTime().minus(serveBefore));
                    benchCpu = benchCpu.plus(CpuTime.ofBench().minus(benchBefore));
                }
            }
            List<Double> single = new ArrayList<>();
            for (int i = 0; i < ONE_BY_ONE; i++) {
                List<String> channel = List.of("C0OVRONE" + i);
                Instant at = Instant.now();
                rig.ask(channel.getFirst(), "U0OVERHEAD", "question " + i);
                Instant shown = whenAllShown(channel, () -> rig.shownIn(channel, ANSWER)).getFirst();
                single.add(Duration.between(at, shown).toNanos() / 1e6);
            }
            return new Measured(new Latencies(millis), new Latencies(single), CpuTime.perItemMs(serveCpu, millis.size()),
                    CpuTime.perItemMs(benchCpu, millis.size()));
        }
    }

    private static Measured discord(ServeJar jar, Shape shape, FakeAnswer answer, int warmUps) throws Exception {
        List<Double> millis = new ArrayList<>();
        try (DiscordRig rig = new DiscordRig(jar, shape.concurrent(), Map.of())) {
            WarmUp.discord(rig, warmUps);
            Thread.sleep(5_000); // the warm-up's edits (none expected) and creates are out of every channel's window
            rig.openAi.replyAlways(answer);
            Duration serveCpu = Duration.ZERO;
            Duration benchCpu = Duration.ZERO;
            for (int round = -1; round < shape.rounds(); round++) {
                Duration serveBefore = rig.serve.cpuTime();
                Duration benchBefore = CpuTime.ofBench();
                List<Instant> asked = AtOnce.run(shape.concurrent(), i -> rig.mention(rig.channels.get(i), "question " + i));
                List<String> channels = rig.channels.subList(0, asked.size());
                List<Instant> shown = whenAllShown(channels, () -> shownIn(rig, channels, asked));
                for (int i = 0; i < asked.size(); i++) {
                    if (round >= 0) millis.add(Duration.between(asked.get(i), shown.get(i)).toNanos() / 1e6);
                }
                if (round >= 0) {
                    serveCpu = serveCpu.plus(rig.serve.cpuTime().minus(serveBefore));
                    benchCpu = benchCpu.plus(CpuTime.ofBench().minus(benchBefore));
                }
                Thread.sleep(1_000); // a channel's edit budget (5 per 5 s) is not what this case measures
            }
            List<Double> single = new ArrayList<>();
            for (int i = 0; i < ONE_BY_ONE; i++) {
                List<String> channel = List.of(rig.channels.get(i % rig.channels.size()));
                List<Instant> after = List.of(rig.mention(channel.getFirst(), "question " + i));
                Instant shown = whenAllShown(channel, () -> shownIn(rig, channel, after)).getFirst();
                single.add(Duration.between(after.getFirst(), shown).toNanos() / 1e6);
            }
            return new Measured(new Latencies(millis), new Latencies(single), CpuTime.perItemMs(serveCpu, millis.size()),
                    CpuTime.perItemMs(benchCpu, millis.size()));
        }
    }

    /**
     * When the answer first showed whole in each of {@code channels}, in a message created after the question
     * there ({@code asked}, by index).
     */
    private static Map<String, Instant> shownIn(DiscordRig rig, List<String> channels, List<Instant> asked) {
        Map<String, Instant> after = new HashMap<>();
        for (int i = 0; i < channels.size(); i++) after.put(channels.get(i), asked.get(i));
        Map<String, Instant> shown = new HashMap<>();
        for (SentMessage m : rig.discord.sentMessages()) {
            Instant since = after.get(m.channelId());
            if (since == null || shown.containsKey(m.channelId()) || m.times().getFirst().isBefore(since)) continue;
            DiscordRig.whenText(m, ANSWER).ifPresent(at -> shown.put(m.channelId(), at));
        }
        return shown;
    }

    /**
     * Waits until every channel has its answer and returns when each was shown (the fakes' own times). It looks
     * every few milliseconds at a copy, not at every call the fake records and under its lock: waiting that way
     * held the fake's lock while 64 answers were being posted, and added to the very time it measured.
     */
    private static List<Instant> whenAllShown(List<String> channels, Supplier<Map<String, Instant>> shown)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Map<String, Instant> now = shown.get();
            if (now.keySet().containsAll(channels)) return channels.stream().map(now::get).toList();
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("answers missing after " + WAIT + " in "
                        + channels.stream().filter(c -> !now.containsKey(c)).toList());
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
