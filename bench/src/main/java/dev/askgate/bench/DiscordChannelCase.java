package dev.askgate.bench;

import dev.askgate.testkit.discord.SentMessage;
import dev.askgate.testkit.openai.FakeAnswer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Many streamed answers at once in ONE Discord channel, FakeDiscord enforcing 5 edits per 5 s per channel (429
 * beyond): how soon each answer reads whole, and whether the bot stayed within the limit and completed every one.
 * Two instances: 20 answers (the time goal) and 100 (the pacing goal: no 429, every final text complete).
 */
final class DiscordChannelCase implements BenchCase {
    private static final Duration PER_WORD = Duration.ofMillis(20);
    private static final int WORDS = 100;

    private final String name;
    private final int answers;
    private final int shortAnswers;
    private final Duration deadline;
    private final Optional<Duration> p50Goal;

    private DiscordChannelCase(String name, int answers, int shortAnswers, Duration deadline, Optional<Duration> p50Goal) {
        this.name = name;
        this.answers = answers;
        this.shortAnswers = shortAnswers;
        this.deadline = deadline;
        this.p50Goal = p50Goal;
    }

    /** 20 at once: the whole answers' median is the goal. */
    static DiscordChannelCase streams() {
        return new DiscordChannelCase("discord-streams", 20, 5, Duration.ofSeconds(120), Optional.of(Duration.ofSeconds(8)));
    }

    /** 100 at once: the pacing holds (no 429) and every answer completes. */
    static DiscordChannelCase pacing() {
        return new DiscordChannelCase("discord-pacing", 100, 10, Duration.ofSeconds(300), Optional.empty());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String description() {
        return shape(answers);
    }

    private static String shape(int n) {
        return n + " mentions at once in one channel, each answer streaming " + WORDS + " words at " + PER_WORD.toMillis()
                + " ms a word, 5 edits per 5 s enforced";
    }

    @Override
    public BenchResult run(boolean shortRun) throws Exception {
        int n = shortRun ? shortAnswers : answers;
        String text = "A streamed answer:" + " word".repeat(WORDS - 4) + " end.";
        try (DiscordRig rig = new DiscordRig(ServeJar.fromSystemProperties(), 2, Map.of())) {
            rig.openAi.replyAlways(FakeAnswer.of(text).streamedInWords().perTokenDelay(PER_WORD));
            String channel = rig.channels.getFirst();
            Instant start = Instant.now();
            AtOnce.run(n, i -> rig.mention(channel, "question " + i + " of the run"));
            List<SentMessage> done = awaitWhole(rig, channel, text, n);
            List<Double> millis = new ArrayList<>();
            for (SentMessage m : done) {
                DiscordRig.whenText(m, text).ifPresent(at -> millis.add(Duration.between(start, at).toNanos() / 1e6));
            }
            Latencies whole = new Latencies(millis);
            long limited = rig.rateLimitedEdits();
            long edits = rig.discord.calls().stream().filter(c -> c.method().equals("PATCH")).count();
            List<BenchResult.Row> rows = new ArrayList<>();
            p50Goal.ifPresentOrElse(goal -> rows.add(new BenchResult.Row("whole answer p50", Latencies.ms(whole.p50()),
                            "<= " + Latencies.ms(goal.toMillis()), whole.p50() <= goal.toMillis())),
                    () -> rows.add(BenchResult.Row.info("whole answer p50", Latencies.ms(whole.p50()))));
            rows.add(BenchResult.Row.info("whole answer max", Latencies.ms(whole.max())));
            rows.add(new BenchResult.Row("final texts complete", done.size() + " of " + n, "all", done.size() == n));
            rows.add(new BenchResult.Row("edits refused with 429", Long.toString(limited), "0", limited == 0));
            rows.add(BenchResult.Row.info("messages created / edits sent", rig.discord.messagesIn(channel).size() + " / " + edits));
            return new BenchResult(name, shape(n), rows).judgedOnlyWhen(!shortRun, "whole answer");
        }
    }

    private List<SentMessage> awaitWhole(DiscordRig rig, String channel, String text, int n) throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        List<SentMessage> done;
        do {
            Thread.sleep(250); // polling interval; times come from the fake's own records
            done = rig.discord.messagesIn(channel).stream().filter(m -> m.text().equals(text)).toList();
        } while (done.size() < n && System.nanoTime() < until);
        return done;
    }
}
