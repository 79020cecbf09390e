package dev.askgate.bench;

import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.HttpDelivery;
import dev.askgate.testkit.slack.SlackCall;
import dev.askgate.testkit.slack.SlackSigner;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code askgate serve} from the jar in Slack's HTTP mode between a {@link FakeSlack} (the Web API; the bench
 * posts the signed commands itself) and a {@link FakeOpenAi}. FakeSlack enforces no limits unless a case asks.
 */
final class SlackHttpRig implements AutoCloseable {
    static final String KEY = "sk-proj-FAKE0000bench0000key0000notreal";
    static final String BOT_TOKEN = "xoxb-FAKE-0000-bench-token-notreal";
    static final String SIGNING_SECRET = "FAKE0bench0signing0secret0notreal";

    final FakeOpenAi openAi = new FakeOpenAi();
    final FakeSlack slack = new FakeSlack(BOT_TOKEN, "xapp-FAKE-unused");
    final SlackSigner signer = new SlackSigner(SIGNING_SECRET);
    final ServedAskgate serve;
    final Duration startToReady;

    SlackHttpRig(ServeJar jar, Map<String, String> extraEnv, List<String> extraJvmFlags) throws Exception {
        serve = ServedAskgate.start(jar, environment(extraEnv), extraJvmFlags);
        startToReady = serve.awaitReady();
    }

    SlackHttpRig(ServeJar jar, Map<String, String> extraEnv) throws Exception {
        this(jar, extraEnv, List.of());
    }

    Map<String, String> environment(Map<String, String> extraEnv) {
        Map<String, String> env = new HashMap<>(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                "SLACK_BOT_TOKEN", BOT_TOKEN, "SLACK_SIGNING_SECRET", SIGNING_SECRET, "SLACK_API_URL", slack.apiUrl(),
                "OPENAI_MAX_CONCURRENT", "1024"));
        // The benchmark measures the posted-and-updated path, whose calls it counts; native streams are another path.
        env.put("SLACK_STREAMING", "edits");
        env.putAll(extraEnv);
        return env;
    }

    /** Posts a signed {@code /ask} to {@code /slack/events} and returns the acknowledgement, timed. */
    HttpDelivery ask(String channel, String user, String question) {
        URI endpoint = serve.uri("/slack/events");
        return slack.post(endpoint, slack.slashCommand("/ask", channel, user, question), signer);
    }

    /** When a successful post or update first showed {@code answer}, for each of {@code channels} that shows it. */
    Map<String, Instant> shownIn(Collection<String> channels, String answer) {
        Set<String> wanted = new HashSet<>(channels);
        Map<String, Instant> shown = new HashMap<>();
        for (SlackCall c : slack.calls()) {
            if (!c.answeredOk() || !(c.method().equals("chat.postMessage") || c.method().equals("chat.update"))) continue;
            String channel = c.param("channel");
            if (wanted.contains(channel) && c.text().equals(answer)) shown.merge(channel, c.at(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return shown;
    }

    /** How many bot messages read {@code answer} now. */
    int answered(String answer) {
        return (int) slack.count(m -> m.fromBot() && m.text().equals(answer));
    }

    /** Waits until {@code count} bot messages read {@code answer}, or {@code deadline}; returns how many do. */
    int awaitAnswered(String answer, int count, Duration deadline) throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        int done;
        while ((done = answered(answer)) < count && System.nanoTime() < until) {
            Thread.sleep(100); // polling interval: a rate includes at most this much of it
        }
        return done;
    }

    @Override
    public void close() throws Exception {
        serve.close();
        FakeShutdown.quietly(slack::close, openAi::close);
    }
}
