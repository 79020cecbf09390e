package dev.askgate.bench;

import dev.askgate.testkit.openai.FakeAnswer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thousand streaming conversations in flight at once (Slack HTTP mode, a model taking 10 s per answer): every
 * one completes, and while they are all open the heap after a full GC and the platform threads stay small.
 */
final class InFlightCase implements BenchCase {
    private static final int WORDS = 20;
    private static final double HEAP_GOAL_MIB = 256;
    private static final int THREADS_GOAL = 64;

    /** The load: conversations, channels, the model's time per answer. */
    record Shape(int conversations, int channels, Duration model) {
        static final Shape FULL = new Shape(1_000, 100, Duration.ofSeconds(10));
        static final Shape SHORT = new Shape(50, 10, Duration.ofSeconds(3));

        String describe() {
            return conversations + " /ask in flight at once over " + channels + " channels (HTTP mode), the model streaming "
                    + model.toSeconds() + " s per answer";
        }
    }

    @Override
    public String name() {
        return "in-flight";
    }

    @Override
    public String description() {
        return Shape.FULL.describe();
    }

    @Override
    public BenchResult run(boolean shortRun) throws Exception {
        Shape shape = shortRun ? Shape.SHORT : Shape.FULL;
        String answer = "A slow streamed answer:" + " word".repeat(WORDS - 5) + " end.";
        try (SlackHttpRig rig = new SlackHttpRig(ServeJar.fromSystemProperties(), Map.of())) {
            rig.openAi.replyAlways(FakeAnswer.of(answer).streamedInWords().perTokenDelay(shape.model().dividedBy(WORDS)));
            AtomicInteger refused = new AtomicInteger();
            long start = System.nanoTime();
            AtOnce.spread(64, shape.conversations(), i -> {
                try {
                    if (rig.ask(String.format("C0FLY%04d", i % shape.channels()), String.format("U0FLY%05d", i),
                            "question " + i).status() != 200) refused.incrementAndGet();
                } catch (RuntimeException timedOut) {
                    refused.incrementAndGet();
                }
                return null;
            });
            // Sample in the middle of the model's time, when every conversation is open.
            long middle = start + shape.model().toNanos() / 2;
            Thread.sleep(Math.max(0, (middle - System.nanoTime()) / 1_000_000));
            int platformThreads = rig.serve.platformThreads();
            int osThreads = rig.serve.osThreads();
            double heap = rig.serve.heapAfterGcMiB();
            double rss = rig.serve.rssMiB();
            int completed = rig.awaitAnswered(answer, shape.conversations(), shape.model().plusSeconds(120));
            List<BenchResult.Row> rows = List.of(
                    new BenchResult.Row("conversations completed", completed + " of " + shape.conversations(), "all",
                            completed == shape.conversations()),
                    new BenchResult.Row("/ask refused or timed out", Integer.toString(refused.get()), "0", refused.get() == 0),
                    new BenchResult.Row("heap after a full GC, all in flight", String.format("%.0f MiB", heap),
                            String.format("<= %.0f MiB", HEAP_GOAL_MIB), heap <= HEAP_GOAL_MIB),
                    new BenchResult.Row("platform threads, all in flight", Integer.toString(platformThreads),
                            "<= " + THREADS_GOAL, platformThreads <= THREADS_GOAL),
                    BenchResult.Row.info("operating-system threads (with the JVM's GC and JIT threads)",
                            Integer.toString(osThreads)),
                    BenchResult.Row.info("resident memory, all in flight", String.format("%.0f MiB", rss)));
            return new BenchResult(name(), shape.describe(), rows);
        }
    }
}
