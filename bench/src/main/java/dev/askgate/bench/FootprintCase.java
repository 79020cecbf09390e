package dev.askgate.bench;

import dev.askgate.testkit.openai.FakeAnswer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Start-up and memory with the image's JVM flags (Slack HTTP mode against the fakes): {@code serve} start to
 * {@code /readyz} 200 without and with a JDK 25 AOT cache trained here as the image trains it, resident memory
 * idle and after a burst of streamed answers, all on a database that a first start migrated, as a replica restarts.
 */
final class FootprintCase implements BenchCase {
    private static final double START_GOAL_MS = 1_000;
    private static final double IDLE_GOAL_MIB = 100;
    private static final double LOADED_GOAL_MIB = 128;
    /** 15,000 bytes: over the 12,000 tokens that serve's default context (16,000) leaves for the prompt. */
    private static final int LONG_QUESTION_WORDS = 3_000;
    private static final String ANSWER = "A streamed answer for the footprint:" + " word".repeat(30) + " end.";

    /** Start-ups per variant (the median is reported), the burst's size and channels. */
    record Shape(int starts, int burst, int channels) {
        static final Shape FULL = new Shape(3, 200, 20);
        static final Shape SHORT = new Shape(1, 20, 4);

        String describe() {
            return "serve restart to /readyz on a migrated database (median of " + starts + "), RSS 5 s after ready and after " + burst
                    + " streamed /ask over " + channels + " channels, HTTP mode, the image's flags";
        }
    }

    @Override
    public String name() {
        return "footprint";
    }

    @Override
    public String description() {
        return Shape.FULL.describe();
    }

    @Override
    public BenchResult run(boolean shortRun) throws Exception {
        // Nearly every start of a deployed replica is a restart on the database its first start migrated: the
        // starts, the training and the memory below are measured on one, migrated here by a first start.
        try (TempTree database = TempTree.create("askgate-bench-footprint-");
             TempTree cacheDir = TempTree.create("askgate-bench-aot-")) {
            return run(shortRun ? Shape.SHORT : Shape.FULL,
                    Map.of("ASKGATE_DB_URL", "jdbc:sqlite:" + database.resolve("askgate.db")), cacheDir);
        }
    }

    private BenchResult run(Shape shape, Map<String, String> restart, TempTree cacheDir) throws Exception {
        boolean shortRun = shape == Shape.SHORT;
        ServeJar jar = ServeJar.fromSystemProperties();
        List<BenchResult.Row> rows = new ArrayList<>();
        rows.add(BenchResult.Row.info("flags", "`" + String.join(" ", jar.jvmFlags()) + "`"));
        try (SlackHttpRig first = new SlackHttpRig(jar, restart, List.of())) {
            rows.add(BenchResult.Row.info("first start to /readyz, migrating a new database, no AOT cache",
                    Latencies.ms(first.startToReady.toNanos() / 1e6)));
        }
        double plain = medianStart(jar, shape, List.of(), restart);
        rows.add(BenchResult.Row.info("start to /readyz, no AOT cache", Latencies.ms(plain)));
        List<String> aotFlags = List.of();
        if (jar.javaFeature() >= 25) {
            Path cache = train(jar, restart, cacheDir.resolve("askgate.aot"));
            aotFlags = List.of("-XX:AOTCache=" + cache);
            double aot = medianStart(jar, shape, aotFlags, restart);
            rows.add(new BenchResult.Row("start to /readyz, AOT cache", Latencies.ms(aot),
                    "<= " + Latencies.ms(START_GOAL_MS), aot <= START_GOAL_MS));
        } else {
            rows.add(new BenchResult.Row("start to /readyz, AOT cache", "not measured: the JDK is older than 25",
                    "<= " + Latencies.ms(START_GOAL_MS), plain <= START_GOAL_MS));
        }
        try (SlackHttpRig rig = new SlackHttpRig(jar, restart, aotFlags)) {
            Thread.sleep(5_000); // idle: what the process settles at after start-up's garbage
            double idle = rig.serve.rssMiB();
            rig.openAi.replyAlways(FakeAnswer.of(ANSWER).streamedInWords().perTokenDelay(Duration.ofMillis(60)));
            AtOnce.run(shape.burst(), i -> rig.ask(String.format("C0MEM%03d", i % shape.channels()),
                    String.format("U0MEM%04d", i), "question " + i));
            int answered = rig.awaitAnswered(ANSWER, shape.burst(), Duration.ofSeconds(120));
            double peak = rig.serve.rssMiB();
            Thread.sleep(5_000);
            double after = rig.serve.rssMiB();
            rows.add(new BenchResult.Row("RSS idle", mib(idle), "<= " + mib(IDLE_GOAL_MIB), idle <= IDLE_GOAL_MIB));
            rows.add(BenchResult.Row.info("RSS when the burst's answers are all in", mib(peak)));
            rows.add(new BenchResult.Row("RSS 5 s after the burst", mib(after), "<= " + mib(LOADED_GOAL_MIB),
                    after <= LOADED_GOAL_MIB));
            rows.add(BenchResult.Row.info("heap in use after a full GC", mib(rig.serve.heapAfterGcMiB())));
            // What an idle-time collection would give back: Serial shrinks the heap only at a full GC.
            rows.add(BenchResult.Row.info("RSS right after that full GC", mib(rig.serve.rssMiB())));
            rows.add(new BenchResult.Row("burst answered", answered + " of " + shape.burst(), "all",
                    answered == shape.burst()));
            rows.add(BenchResult.Row.info("RSS 5 s after a question counted with the tokenizer (vocabulary loaded)",
                    mib(afterCountedQuestion(rig, shape))));
        }
        return new BenchResult(name(), shape.describe(), rows).judgedOnlyWhen(!shortRun, "start")
                .judgedOnlyWhen(!shortRun, "RSS");
    }

    /**
     * The burst's questions fit the context by their UTF-8 length and load no tokenizer; one longer than the context
     * in bytes (not in tokens: "word " is one token of five) is counted, which loads the vocabulary for good.
     */
    private static double afterCountedQuestion(SlackHttpRig rig, Shape shape) throws Exception {
        rig.ask("C0MEMLONG", "U0MEMLONG", "word ".repeat(LONG_QUESTION_WORDS));
        int answered = rig.awaitAnswered(ANSWER, shape.burst() + 1, Duration.ofSeconds(60));
        if (answered != shape.burst() + 1) throw new IllegalStateException("the long question was not answered");
        Thread.sleep(5_000);
        return rig.serve.rssMiB();
    }

    private static double medianStart(ServeJar jar, Shape shape, List<String> flags, Map<String, String> env)
            throws Exception {
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < shape.starts(); i++) {
            try (SlackHttpRig rig = new SlackHttpRig(jar, env, flags)) {
                starts.add(rig.startToReady.toNanos() / 1e6);
            }
        }
        Collections.sort(starts);
        return starts.get(starts.size() / 2);
    }

    /**
     * A training run as the image's (testkit's {@code TrainingRun}): serve on a migrated database with
     * {@code -XX:AOTCacheOutput}, a few answers, a clean SIGTERM exit.
     */
    private static Path train(ServeJar jar, Map<String, String> env, Path cache) throws Exception {
        try (SlackHttpRig rig = new SlackHttpRig(jar, env,
                List.of("-XX:AOTCacheOutput=" + cache, "-Xlog:aot=error,cds=error"))) {
            rig.openAi.replyAlways(FakeAnswer.of(ANSWER).streamedInWords());
            for (int i = 0; i < 12; i++) rig.ask("C0TRAIN" + (i % 3), "U0TRAIN", "training question " + i);
            rig.awaitAnswered(ANSWER, 12, Duration.ofSeconds(60));
            int status = rig.serve.terminate(Duration.ofSeconds(180));
            if (status != 0 || !Files.isRegularFile(cache)) {
                throw new IllegalStateException("the AOT training run exited " + status + " without a cache:\n" + rig.serve.log());
            }
        }
        return cache;
    }

    private static String mib(double mib) {
        return String.format("%.0f MiB", mib);
    }
}
