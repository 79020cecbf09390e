package dev.askgate.bench;

import dev.askgate.testkit.openai.FakeAnswer;

import java.time.Duration;

/**
 * Unmeasured questions before a case measures. A freshly started JVM interprets Askgate's code until the JIT has
 * compiled its hot paths, which takes some hundreds of calls of each method (C1, the image's only compiler): the
 * first few hundred questions after a start measure the interpreter, not Askgate as it runs for its users. Each
 * warm-up question is answered at once by the model and asked in a channel of its own, spread over a few clients.
 */
final class WarmUp {
    /** Enough for C1 to have compiled every per-question method; a few seconds on 2 cores. */
    static final int QUESTIONS = 1_000;
    static final int SHORT_QUESTIONS = 20;
    private static final int CLIENTS = 16;
    private static final String ANSWER = "Warm.";
    private static final Duration WAIT = Duration.ofSeconds(120);

    private WarmUp() {
    }

    static int questions(boolean shortRun) {
        return shortRun ? SHORT_QUESTIONS : QUESTIONS;
    }

    /** {@code count} signed {@code /ask} in Slack's HTTP mode, each in a channel of its own; returns once all are answered. */
    static void slack(SlackHttpRig rig, int count) throws Exception {
        rig.openAi.replyAlways(FakeAnswer.of(ANSWER));
        AtOnce.spread(CLIENTS, count, i -> rig.ask(String.format("C0WARM%05d", i), "U0WARMUP", "warm-up " + i));
        int answered = rig.awaitAnswered(ANSWER, count, WAIT);
        if (answered < count) throw new IllegalStateException("only " + answered + " of " + count + " warm-up questions were answered");
    }

    /** {@code count} mentions over the rig's channels; returns once all are answered. */
    static void discord(DiscordRig rig, int count) throws Exception {
        rig.openAi.replyAlways(FakeAnswer.of(ANSWER));
        AtOnce.spread(Math.min(CLIENTS, rig.channels.size()), count,
                i -> rig.mention(rig.channels.get(i % rig.channels.size()), "warm-up " + i));
        rig.discord.await(() -> rig.answeredCount(ANSWER) >= count ? Boolean.TRUE : null, WAIT,
                count + " warm-up answers");
    }
}
