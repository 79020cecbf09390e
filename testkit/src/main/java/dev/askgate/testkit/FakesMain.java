package dev.askgate.testkit;

import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.HttpDelivery;
import dev.askgate.testkit.slack.SlackMessage;
import dev.askgate.testkit.slack.SlackSigner;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * FakeOpenAi and FakeSlack as a standalone process, for scripts that test a built artefact against them (the
 * container smoke test). It starts both on free loopback ports, prints their addresses, then reads one command
 * per line from stdin and answers each with one line on stdout:
 *
 * <pre>
 * openai-url http://127.0.0.1:40001/v1
 * slack-api-url http://127.0.0.1:40002/api/
 * ready
 * ask http://127.0.0.1:8080/slack/events C0FAKE0001 what is staging?   -> posted 200 answered Answer 1 from the fake model.
 * post-slow http://127.0.0.1:8080/slack/events C0FAKE0001 200 question -> posted 200 (the answer streams 200 ms a word)
 * await-answer C0FAKE0001                                              -> answered Answer 2 ... (the whole text)
 * key-used                                                             -> key-used ...FAKE02 (the last 6 characters)
 * quit
 * </pre>
 *
 * A failure is {@code failed <why>} and the process goes on. Arguments: {@code --openai-keys=K1,K2} (the keys
 * the fake accepts), {@code --slack-bot-token=T}, {@code --slack-signing-secret=S}.
 */
public final class FakesMain implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final FakeOpenAi openAi;
    private final FakeSlack slack;
    private final SlackSigner signer;
    private final PrintStream out;
    private final Map<String, String> pendingAnswers = new HashMap<>();
    private int answers;

    FakesMain(Map<String, String> options, PrintStream out) {
        this.openAi = new FakeOpenAi();
        String keys = options.getOrDefault("openai-keys", "");
        if (!keys.isBlank()) openAi.acceptOnlyKeys(keys.split(","));
        this.slack = new FakeSlack(options.getOrDefault("slack-bot-token", "xoxb-FAKE-bot"), "xapp-FAKE-unused");
        this.signer = new SlackSigner(options.getOrDefault("slack-signing-secret", "FAKE-signing-secret"));
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        var options = new HashMap<String, String>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) throw new IllegalArgumentException("expected --name=value: " + arg);
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        var fakes = new FakesMain(options, System.out);
        fakes.out.println("openai-url " + fakes.openAi.baseUrl());
        fakes.out.println("slack-api-url " + fakes.slack.apiUrl());
        fakes.out.println("ready");
        fakes.out.flush();
        try (var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null && !line.strip().equals("quit")) {
                if (line.isBlank()) continue;
                fakes.out.println(fakes.run(line.strip().split("\\s+", 0)));
                fakes.out.flush();
            }
        } finally {
            fakes.close();
        }
    }

    String openAiUrl() {
        return openAi.baseUrl();
    }

    String slackApiUrl() {
        return slack.apiUrl();
    }

    @Override
    public void close() {
        slack.close();
        openAi.close();
    }

    /** Runs one command and returns its one-line answer. */
    String run(String[] words) {
        try {
            return switch (words[0]) {
                case "ask" -> ask(words, Duration.ZERO) + " " + awaitAnswer(words[2]);
                case "post-slow" -> ask(words, Duration.ofMillis(Long.parseLong(words[3])));
                case "await-answer" -> awaitAnswer(words[1]);
                case "key-used" -> keyUsed();
                default -> "failed unknown command " + words[0];
            };
        } catch (RuntimeException | AssertionError e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
            return "failed " + (why.length() > 300 ? why.substring(0, 300) + "..." : why);
        }
    }

    /** Posts a signed /ask; a non-zero {@code perWord} makes the model stream ten words that slowly. */
    private String ask(String[] words, Duration perWord) {
        int first = perWord.isZero() ? 3 : 4;
        String question = String.join(" ", List.of(words).subList(first, words.length));
        String text = "Answer " + (++answers) + " from the fake model"
                + (perWord.isZero() ? "." : ": one two three four five six seven eight nine ten.");
        FakeAnswer answer = FakeOpenAi.answer(text).streamedInWords();
        openAi.enqueue(perWord.isZero() ? answer : answer.perTokenDelay(perWord));
        pendingAnswers.put(words[2], text);
        HttpDelivery delivery = slack.post(URI.create(words[1]), slack.slashCommand("/ask", words[2], "U0FAKEUSR1",
                question), signer);
        return (delivery.status() == 200 ? "posted " : "failed posted ") + delivery.status();
    }

    /** Waits until the answer last asked for in {@code channel} stands complete in its thread. */
    private String awaitAnswer(String channel) {
        String expected = Optional.ofNullable(pendingAnswers.get(channel))
                .orElseThrow(() -> new IllegalStateException("nothing was asked in " + channel));
        SlackMessage done = slack.await(() -> slack.messages().stream()
                .filter(m -> m.fromBot() && m.channel().equals(channel) && !m.threadTs().isEmpty()
                        && m.text().equals(expected))
                .findFirst(), WAIT, "the answer \"" + expected + "\" in a thread of " + channel);
        return "answered " + done.text();
    }

    private String keyUsed() {
        List<String> keys = openAi.keysSeen();
        if (keys.isEmpty()) return "failed no request reached the fake OpenAI";
        String last = keys.getLast();
        return "key-used ..." + last.substring(Math.max(0, last.length() - 6));
    }
}
