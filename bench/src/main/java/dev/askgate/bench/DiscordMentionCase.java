package dev.askgate.bench;

import dev.askgate.testkit.discord.SentMessage;
import dev.askgate.testkit.openai.FakeAnswer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Discord, one question at a time: a mention, the model streaming a word every 20 ms, and how long until the
 * bot's first message is created (first byte) and until it reads the whole answer (final text), through the real
 * JDA in {@code askgate serve} against FakeDiscord. Questions rotate over channels so that no channel's edit
 * limit (5 per 5 s) is what gets measured.
 */
final class DiscordMentionCase implements BenchCase {
    static final Duration PER_WORD = Duration.ofMillis(20);
    static final int WORDS = 20;
    private static final double FIRST_BYTE_P50_GOAL_MS = 15;
    private static final double FINAL_MARGIN_GOAL_MS = 50;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final int questions;
    private final int shortQuestions;

    DiscordMentionCase() {
        this(60, 6);
    }

    DiscordMentionCase(int questions, int shortQuestions) {
        this.questions = questions;
        this.shortQuestions = shortQuestions;
    }

    @Override
    public String name() {
        return "discord-mention";
    }

    @Override
    public String description() {
        return shape(questions);
    }

    private static String shape(int n) {
        return n + " mentions one after another, the model streaming " + WORDS + " words at " + PER_WORD.toMillis()
                + " ms a word";
    }

    @Override
    public BenchResult run(boolean shortRun) throws Exception {
        int n = shortRun ? shortQuestions : questions;
        ServeJar jar = ServeJar.fromSystemProperties();
        List<Double> firstByte = new ArrayList<>();
        List<Double> finalText = new ArrayList<>();
        int lost = 0;
        try (DiscordRig rig = new DiscordRig(jar, 8, Map.of())) {
            WarmUp.discord(rig, WarmUp.questions(shortRun));
            Thread.sleep(5_000); // no warm-up call is left in any channel's window
            // One unmeasured question of the case's own shape first.
            for (int i = -1; i < n; i++) {
                String channel = rig.channels.get(Math.floorMod(i, rig.channels.size()));
                String text = answerText(i);
                rig.openAi.enqueue(FakeAnswer.of(text).streamedInWords().perTokenDelay(PER_WORD));
                Instant asked = rig.mention(channel, "question " + i + " of the run");
                SentMessage answer;
                try {
                    answer = rig.discord.await(() -> rig.answer(channel, text).orElse(null), WAIT, "answer " + i);
                } catch (AssertionError timedOut) {
                    lost++;
                    continue;
                }
                if (i < 0) continue;
                firstByte.add(millis(asked, answer.times().getFirst()));
                finalText.add(millis(asked, DiscordRig.whenText(answer, text).orElseThrow()));
            }
        }
        return table(n, new Latencies(firstByte), new Latencies(finalText), lost);
    }

    /** The model's own time for one answer: the pause before every word after the first. */
    static double modelMillis() {
        return (WORDS - 1) * PER_WORD.toMillis();
    }

    static String answerText(int i) {
        StringBuilder text = new StringBuilder("Answer ").append(i).append(':');
        for (int w = 0; w < WORDS - 3; w++) text.append(" word").append(w);
        return text.append(" end.").toString();
    }

    private BenchResult table(int n, Latencies firstByte, Latencies finalText, int lost) {
        double model = modelMillis();
        double finalGoal = model + FINAL_MARGIN_GOAL_MS;
        List<BenchResult.Row> rows = List.of(
                new BenchResult.Row("mention to first byte, p50", Latencies.ms(firstByte.p50()),
                        "<= " + Latencies.ms(FIRST_BYTE_P50_GOAL_MS), firstByte.p50() <= FIRST_BYTE_P50_GOAL_MS),
                BenchResult.Row.info("mention to first byte, p95 / max",
                        Latencies.ms(firstByte.p95()) + " / " + Latencies.ms(firstByte.max())),
                BenchResult.Row.info("the model's own time per answer", Latencies.ms(model)),
                new BenchResult.Row("mention to final text, p50", Latencies.ms(finalText.p50()),
                        "<= model + " + Latencies.ms(FINAL_MARGIN_GOAL_MS) + " = " + Latencies.ms(finalGoal),
                        finalText.p50() <= finalGoal),
                BenchResult.Row.info("mention to final text, p95 / max",
                        Latencies.ms(finalText.p95()) + " / " + Latencies.ms(finalText.max())),
                new BenchResult.Row("answers lost", Integer.toString(lost), "0", lost == 0));
        return new BenchResult(name(), shape(n), rows).judgedOnlyWhen(n == questions, "mention to");
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }
}
