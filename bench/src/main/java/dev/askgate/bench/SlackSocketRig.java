package dev.askgate.bench;

import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.FakeSlack;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code askgate serve} from the jar in Slack's Socket Mode between a {@link FakeSlack} (Web API and the WebSocket
 * the commands arrive on) and a {@link FakeOpenAi}.
 */
final class SlackSocketRig implements AutoCloseable {
    static final String KEY = "sk-proj-FAKE0000bench0000key0000notreal";
    static final String BOT_TOKEN = "xoxb-FAKE-0000-bench-token-notreal";
    static final String APP_TOKEN = "xapp-FAKE-0000-bench-token-notreal";

    final FakeSlack slack = new FakeSlack(BOT_TOKEN, APP_TOKEN);
    final FakeOpenAi openAi = new FakeOpenAi();
    final ServedAskgate serve;

    SlackSocketRig(ServeJar jar, Map<String, String> extraEnv) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                "SLACK_BOT_TOKEN", BOT_TOKEN, "SLACK_APP_TOKEN", APP_TOKEN, "SLACK_API_URL", slack.apiUrl(),
                "OPENAI_MAX_CONCURRENT", "1024"));
        // The burst judges answers by the posts and updates that showed them; native streams are another path.
        env.put("SLACK_STREAMING", "edits");
        env.putAll(extraEnv);
        serve = ServedAskgate.start(jar, env);
        serve.awaitReady();
        slack.socketMode().awaitConnections(1, Duration.ofSeconds(30));
    }

    @Override
    public void close() throws Exception {
        serve.close();
        FakeShutdown.quietly(openAi::close, slack::close);
    }
}
