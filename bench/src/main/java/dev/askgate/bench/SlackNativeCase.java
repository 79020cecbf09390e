package dev.askgate.bench;

import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackLimits;
import dev.askgate.testkit.slack.SlackMessage;
import dev.askgate.testkit.slack.SocketAck;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's native streaming (the default, {@code SLACK_STREAMING=native} here so that no fallback is remembered),
 * Socket Mode, FakeSlack enforcing Slack's published limits: more {@code /ask} at once than the workspace's
 * {@code chat.startStream} budget (Tier 2, 20 a minute), each answer streamed by the model for seconds. How soon
 * each asker sees the first words and the whole answer, how many answers streamed and how many fell back to
 * posted and updated messages, and none lost, none shown twice, no 429 left unhandled.
 */
final class SlackNativeCase implements BenchCase {
    /** The load: questions at once over channels, and the model's words and time per word. */
    record Shape(int questions, int channels, int words, Duration perWord, Duration deadline) {
        static final Shape FULL = new Shape(40, 20, 100, Duration.ofMillis(50), Duration.ofSeconds(150));
        static final Shape SHORT = new Shape(6, 3, 20, Duration.ofMillis(20), Duration.ofSeconds(60));

        String describe() {
            return questions + " /ask at once over " + channels + " channels (Socket Mode), native streaming, each answer "
                    + words + " words at " + perWord.toMillis() + " ms a word, Slack's limits enforced";
        }

        long modelMillis() {
            return (words - 1) * perWord.toMillis();
        }
    }

    private static final Pattern QUESTION = Pattern.compile("question (\\d+) of the run");
    private static final Duration POLL = Duration.ofMillis(500);
    private static final List<String> STREAM_CALLS = List.of("chat.appendStream", "chat.stopStream");

    @Override
    public String name() {
        return "slack-native";
    }

    @Override
    public String description() {
        return Shape.FULL.describe();
    }

    @Override
    public BenchResult run(boolean shortRun) throws Exception {
        Shape shape = shortRun ? Shape.SHORT : Shape.FULL;
        try (SlackSocketRig app = new SlackSocketRig(ServeJar.fromSystemProperties(), Map.of("SLACK_STREAMING", "native"))) {
            app.slack.enforce(SlackLimits.PUBLISHED);
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < shape.questions(); i++) {
                StringBuilder text = new StringBuilder("Answer ").append(i).append(':');
                for (int w = 0; w < shape.words() - 3; w++) text.append(" word").append(w);
                answers.add(text.append(" end-").append(i).append('.').toString());
                app.openAi.enqueue(FakeAnswer.of(answers.getLast()).streamedInWords().perTokenDelay(shape.perWord()));
            }
            List<Instant> sent = new ArrayList<>();
            List<String> envelopes = new ArrayList<>();
            for (int i = 0; i < shape.questions(); i++) {
                String channel = String.format("C0NATIVE%03d", i % shape.channels());
                sent.add(Instant.now());
                envelopes.add(app.slack.deliver(app.slack.slashCommand("/ask", channel, String.format("U0NATIVE%03d", i),
                        "question " + i + " of the run")));
            }
            List<Instant> acks = new ArrayList<>();
            for (int i = 0; i < envelopes.size(); i++) {
                SocketAck ack = app.slack.socketMode().awaitAck(envelopes.get(i), Duration.ofSeconds(30));
                acks.add(sent.get(i).plus(ack.after()));
            }
            Seen seen = awaitWhole(app.slack, answers, shape.deadline());
            return table(shape, seen, acks, app.slack);
        }
    }

    /** What FakeSlack shows per question: the thread its quote began, and when its answer was first seen whole. */
    private record Seen(Map<Integer, List<String>> roots, Map<String, List<SlackMessage>> replies,
                        Map<Integer, Instant> whole, Map<Integer, Instant> firstWords, Set<Integer> streamedQuestions,
                        long appends) {
        int streamed() {
            return streamedQuestions.size();
        }

        int lost(int questions) {
            return questions - whole.size();
        }

        /** Quotes and thread replies beyond one per question, and answers shown in more than one thread. */
        int duplicated() {
            int extra = 0;
            Map<String, Integer> shown = new HashMap<>();
            replies.values().forEach(thread -> thread.forEach(m -> shown.merge(m.text(), 1, Integer::sum)));
            extra += shown.values().stream().mapToInt(count -> count - 1).sum();
            for (List<String> quotes : roots.values()) {
                extra += quotes.size() - 1;
                for (String root : quotes) extra += Math.max(0, replies.getOrDefault(root, List.of()).size() - 1);
            }
            return extra;
        }
    }

    private static Seen awaitWhole(FakeSlack slack, List<String> answers, Duration deadline) throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        Seen seen;
        do {
            Thread.sleep(POLL);
            seen = read(slack, answers);
        } while (seen.lost(answers.size()) > 0 && System.nanoTime() < until);
        Thread.sleep(2_000); // a late second answer would show up now
        return read(slack, answers);
    }

    private static Seen read(FakeSlack slack, List<String> answers) {
        Set<String> expected = new HashSet<>(answers);
        Map<Integer, List<String>> roots = new HashMap<>();
        Map<String, Integer> questionOfRoot = new HashMap<>();
        Map<String, List<SlackMessage>> replies = new HashMap<>();
        Map<String, String> rootOfReply = new HashMap<>();
        for (SlackMessage m : slack.messages()) {
            if (!m.fromBot()) continue;
            if (m.threadTs().isEmpty()) {
                Matcher q = QUESTION.matcher(m.text());
                if (!q.find()) continue;
                int n = Integer.parseInt(q.group(1));
                roots.computeIfAbsent(n, k -> new ArrayList<>()).add(m.ts());
                questionOfRoot.put(m.ts(), n);
            } else {
                replies.computeIfAbsent(m.threadTs(), k -> new ArrayList<>()).add(m);
                rootOfReply.put(m.ts(), m.threadTs());
            }
        }
        Map<Integer, Instant> whole = new HashMap<>();
        Map<Integer, Instant> firstWords = new HashMap<>();
        Map<String, StringBuilder> streamText = new HashMap<>();
        long appends = 0;
        Set<Integer> streamed = new HashSet<>();
        for (SlackCall c : slack.calls()) {
            if (!c.answeredOk()) continue;
            String reply = c.param("ts");
            Integer n = switch (c.method()) {
                case "chat.postMessage" -> questionOfRoot.get(c.param("thread_ts"));
                case "chat.update", "chat.appendStream", "chat.stopStream" -> questionOfRoot.get(rootOfReply.get(reply));
                default -> null;
            };
            if (n == null) continue;
            String shown = c.text();
            if (STREAM_CALLS.contains(c.method())) {
                if (c.method().equals("chat.appendStream")) appends++;
                streamed.add(n);
                shown = streamText.computeIfAbsent(reply, k -> new StringBuilder()).append(c.param("markdown_text")).toString();
            }
            if (!shown.isEmpty()) firstWords.putIfAbsent(n, c.at());
            // The fake model's answers go out in the order its requests arrive: any of them is this question's answer.
            if (expected.contains(shown)) whole.putIfAbsent(n, c.at());
        }
        return new Seen(roots, replies, whole, firstWords, streamed, appends);
    }

    private static BenchResult table(Shape shape, Seen seen, List<Instant> acks, FakeSlack slack) {
        List<Double> firstStreamed = new ArrayList<>();
        List<Double> firstPosted = new ArrayList<>();
        List<Double> whole = new ArrayList<>();
        seen.firstWords().forEach((n, at) -> (seen.streamedQuestions().contains(n) ? firstStreamed : firstPosted)
                .add(millisAfter(acks.get(n), at)));
        seen.whole().forEach((n, at) -> whole.add(millisAfter(acks.get(n), at)));
        Latencies firstWords = new Latencies(firstStreamed);
        Latencies firstPost = new Latencies(firstPosted);
        Latencies wholeAnswer = new Latencies(whole);
        int lost = seen.lost(shape.questions());
        int duplicated = seen.duplicated();
        int unhandled = BurstOutcome.unhandled429(slack.calls());
        int streamed = seen.streamed();
        List<BenchResult.Row> rows = List.of(
                BenchResult.Row.info("the model's own time per answer", Latencies.ms(shape.modelMillis())),
                BenchResult.Row.info("answers streamed natively / shown by posts and updates",
                        streamed + " / " + (shape.questions() - lost - streamed)
                                + " (Slack allows 20 chat.startStream a minute per workspace)"),
                BenchResult.Row.info("chat.appendStream calls per streamed answer",
                        streamed == 0 ? "-" : String.format("%.1f", seen.appends() / (double) streamed)),
                BenchResult.Row.info("first words from ack, streamed answers, p50 / max", Latencies.ms(firstWords.p50())
                        + " / " + Latencies.ms(firstWords.max())),
                BenchResult.Row.info("first words from ack, posted answers, p50 / max", firstPosted.isEmpty() ? "-"
                        : Latencies.ms(firstPost.p50()) + " / " + Latencies.ms(firstPost.max())),
                BenchResult.Row.info("whole answer from ack, p50 / max", Latencies.ms(wholeAnswer.p50()) + " / "
                        + Latencies.ms(wholeAnswer.max())),
                new BenchResult.Row("lost", Integer.toString(lost), "0", lost == 0),
                new BenchResult.Row("duplicated", Integer.toString(duplicated), "0", duplicated == 0),
                BenchResult.Row.info("429s answered by FakeSlack", Long.toString(slack.rateLimitedCalls())),
                new BenchResult.Row("429s unhandled", Integer.toString(unhandled), "0", unhandled == 0));
        return new BenchResult("slack-native", shape.describe(), rows);
    }

    private static double millisAfter(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toNanos() / 1e6);
    }
}
