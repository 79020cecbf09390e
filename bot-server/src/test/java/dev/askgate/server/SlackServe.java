package dev.askgate.server;

import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.FakeSlack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real {@code askgate serve} in its own process against a {@link FakeOpenAi} and a {@link FakeSlack}, in
 * Slack's HTTP mode or Socket Mode: what the serve tests with Slack share. Close it after each test.
 */
final class SlackServe implements AutoCloseable {
    static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";
    static final String BOT_TOKEN = "xoxb-FAKE-0000-not-a-real-token";
    static final String SIGNING_SECRET = "FAKE0signing0secret0000notreal";
    static final String APP_TOKEN = "xapp-FAKE-0000-not-a-real-token";

    final FakeOpenAi openAi = new FakeOpenAi();
    final FakeSlack slack = new FakeSlack(BOT_TOKEN, APP_TOKEN);
    private ServeProcess serve;

    /** Starts {@code serve} in HTTP mode (with {@code more} variables) and waits until it is ready. */
    ServeProcess httpMode(Path dir, Map<String, String> more) throws Exception {
        Map<String, String> env = new HashMap<>(common());
        env.put("SLACK_SIGNING_SECRET", SIGNING_SECRET);
        env.putAll(more);
        return start(env, dir);
    }

    /** Starts {@code serve} in Socket Mode and waits until it is ready. */
    ServeProcess socketMode(Path dir) throws Exception {
        Map<String, String> env = new HashMap<>(common());
        env.put("SLACK_APP_TOKEN", APP_TOKEN);
        return start(env, dir);
    }

    private Map<String, String> common() {
        return Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(), "SLACK_BOT_TOKEN", BOT_TOKEN,
                "SLACK_API_URL", slack.apiUrl());
    }

    private ServeProcess start(Map<String, String> env, Path dir) throws Exception {
        serve = ServeProcess.start(Askgate.class, env, dir);
        serve.awaitStatus("/readyz", 200);
        return serve;
    }

    @Override
    public void close() throws IOException {
        if (serve != null) serve.close();
        slack.close();
        openAi.close();
    }
}
