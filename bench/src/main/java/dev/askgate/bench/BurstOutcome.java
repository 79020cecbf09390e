package dev.askgate.bench;

import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What FakeSlack saw of a burst, read from its messages and timed calls: for each question its quote, the
 * thread's bot replies, and the first call that made a whole answer visible there. Times come from the calls'
 * own timestamps, so how often this polls does not change them.
 */
record BurstOutcome(int acknowledged, List<Double> seconds, int lost, int duplicated, long rateLimited,
                    int unhandled429, long posts, long updates) {
    private static final Pattern QUESTION = Pattern.compile("question (\\d+) of the burst");
    private static final Duration POLL = Duration.ofMillis(500);

    /** Waits until every question has its whole answer, or {@code deadline} after the last acknowledgement. */
    static BurstOutcome await(FakeSlack slack, List<BurstQuestion> questions, List<Instant> acks, List<String> answers,
                              Duration deadline) throws InterruptedException {
        Set<String> expected = new HashSet<>(answers);
        Instant last = acks.stream().max(Instant::compareTo).orElse(Instant.now());
        Instant until = last.plus(deadline);
        BurstOutcome outcome;
        do {
            Thread.sleep(POLL);
            outcome = read(slack, questions, acks, expected);
        } while (outcome.lost() > 0 && Instant.now().isBefore(until));
        Thread.sleep(2_000); // a late duplicate would show up now
        return read(slack, questions, acks, expected);
    }

    private static BurstOutcome read(FakeSlack slack, List<BurstQuestion> questions, List<Instant> acks,
                                     Set<String> expected) {
        List<SlackMessage> messages = slack.messages();
        List<SlackCall> calls = slack.calls();
        Map<Integer, List<String>> quotes = new HashMap<>();
        Map<String, List<SlackMessage>> replies = new HashMap<>();
        for (SlackMessage m : messages) {
            if (!m.fromBot()) continue;
            if (m.threadTs().isEmpty()) {
                Matcher q = QUESTION.matcher(m.text());
                if (q.find()) quotes.computeIfAbsent(Integer.parseInt(q.group(1)), k -> new ArrayList<>()).add(m.ts());
            } else {
                replies.computeIfAbsent(m.threadTs(), k -> new ArrayList<>()).add(m);
            }
        }
        Map<String, Instant> shownAt = firstWholeAnswer(calls, replies, expected);
        List<Double> seconds = new ArrayList<>();
        int lost = 0;
        int duplicated = 0;
        Map<String, Integer> answerCount = new HashMap<>();
        for (BurstQuestion q : questions) {
            List<String> roots = quotes.getOrDefault(q.number(), List.of());
            duplicated += Math.max(0, roots.size() - 1);
            Instant shown = null;
            for (String root : roots) {
                List<SlackMessage> thread = replies.getOrDefault(root, List.of());
                duplicated += Math.max(0, thread.size() - 1);
                thread.forEach(m -> answerCount.merge(m.text(), 1, Integer::sum));
                Instant at = shownAt.get(root);
                if (at != null && (shown == null || at.isBefore(shown))) shown = at;
            }
            Instant ack = acks.get(q.number());
            if (shown == null || ack == null) {
                lost++;
            } else {
                seconds.add(Math.max(0, Duration.between(ack, shown).toMillis() / 1000.0));
            }
        }
        duplicated += (int) answerCount.entrySet().stream()
                .filter(e -> expected.contains(e.getKey()) && e.getValue() > 1).mapToInt(e -> e.getValue() - 1).sum();
        Collections.sort(seconds);
        long posts = calls.stream().filter(c -> c.method().equals("chat.postMessage")).count();
        long updates = calls.stream().filter(c -> c.method().equals("chat.update")).count();
        int acknowledged = (int) acks.stream().filter(a -> a != null).count();
        return new BurstOutcome(acknowledged, seconds, lost, duplicated, slack.rateLimitedCalls(), unhandled429(calls),
                posts, updates);
    }

    /** By thread root: when the first call that made a whole expected answer visible in that thread succeeded. */
    private static Map<String, Instant> firstWholeAnswer(List<SlackCall> calls, Map<String, List<SlackMessage>> replies,
                                                         Set<String> expected) {
        Map<String, String> rootOfReply = new HashMap<>();
        replies.forEach((root, thread) -> thread.forEach(m -> rootOfReply.put(m.ts(), root)));
        Map<String, Instant> shown = new HashMap<>();
        for (SlackCall c : calls) {
            if (!c.answeredOk() || !expected.contains(c.text())) continue;
            String root = switch (c.method()) {
                case "chat.postMessage" -> c.param("thread_ts");
                case "chat.update" -> rootOfReply.get(c.param("ts"));
                default -> null;
            };
            if (root != null && !root.isEmpty()) shown.merge(root, c.at(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return shown;
    }

    /** 429s after which the same post (same text in the same place) or update (same message) never succeeded. */
    static int unhandled429(List<SlackCall> calls) {
        int unhandled = 0;
        for (int i = 0; i < calls.size(); i++) {
            SlackCall c = calls.get(i);
            if (!c.rateLimited()) continue;
            boolean retried = false;
            for (int j = i + 1; j < calls.size() && !retried; j++) {
                SlackCall d = calls.get(j);
                retried = d.answeredOk() && d.method().equals(c.method()) && d.param("channel").equals(c.param("channel"))
                        && d.param("ts").equals(c.param("ts")) && d.param("thread_ts").equals(c.param("thread_ts"))
                        && d.text().equals(c.text());
            }
            if (!retried) unhandled++;
        }
        return unhandled;
    }

    /** The median, in seconds (0 when nothing was answered). */
    double p50() {
        return seconds.isEmpty() ? 0 : seconds.get((seconds.size() - 1) / 2);
    }

    double max() {
        return seconds.isEmpty() ? 0 : seconds.getLast();
    }
}
