package dev.askgate.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.ChatService;
import dev.askgate.core.ChatSettings;
import dev.askgate.core.config.Secret;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.key.FixedKeySource;
import dev.askgate.core.key.KeySpec;
import dev.askgate.core.openai.OpenAiChatModel;
import dev.askgate.core.openai.CallLimit;
import dev.askgate.core.openai.OpenAiConfig;
import dev.askgate.core.platform.SharedPieces;
import dev.askgate.core.render.EditPacer;
import dev.askgate.slack.SlackPlatform;
import dev.askgate.slack.SlackConfig;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.FakeSlack;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The real Slack adapter (Bolt, Socket Mode) and the real core between a {@link FakeSlack} and a {@link FakeOpenAi},
 * wired as the launcher wires them, with one shared OkHttpClient sized for a burst. For cases that load Slack.
 */
final class SlackUnderTest implements AutoCloseable {
    static final String BOT_TOKEN = "xoxb-FAKE-0000-bench-token-notreal";
    static final String APP_TOKEN = "xapp-FAKE-0000-bench-token-notreal";
    static final String OPENAI_KEY = "sk-proj-FAKE0000bench0000key0000notreal";

    final FakeSlack slack = new FakeSlack(BOT_TOKEN, APP_TOKEN);
    final FakeOpenAi openAi = new FakeOpenAi();
    final SlackPlatform platform;

    SlackUnderTest(Duration editInterval) throws Exception {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(1024);
        dispatcher.setMaxRequestsPerHost(1024);
        OkHttpClient http = new OkHttpClient.Builder().dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(64, 5, TimeUnit.MINUTES)).build();
        SlackConfig settings = new SlackConfig(new Secret(BOT_TOKEN),
                new SlackConfig.Connection.SocketMode(new Secret(APP_TOKEN)), slack.apiUrl(), true, editInterval,
                SlackConfig.AccessLists.OPEN);
        ChatSettings chatSettings = new ChatSettings("gpt-6-luna", "You are a benchmark.", 16_000, 0);
        FixedKeySource keys = new FixedKeySource(new Secret(OPENAI_KEY));
        OpenAiConfig openAiConfig = new OpenAiConfig(URI.create(openAi.baseUrl()), "gpt-6-luna", "", "",
                Duration.ofSeconds(60), 0, new KeySpec.FromValue(new Secret(OPENAI_KEY)),
                // The burst measures Slack's pacing: every question may hold a model call (OPENAI_MAX_CONCURRENT).
                new CallLimit(CallLimit.MAX_MAX_CONCURRENT, CallLimit.DEFAULT_BUSY_WAIT));
        OpenAiChatModel model = new OpenAiChatModel(http, new ObjectMapper(), openAiConfig, keys);
        ContextWindow window = new ContextWindow(chatSettings);
        ChatService chat = new ChatService(model, chatSettings, new SecretGuard(), window, keys::appearsIn);
        SharedPieces shared = SharedPieces.around(chat, window, Clock.systemUTC());
        platform = new SlackPlatform(settings, shared, shared.admission(settings.access().toRules(), settings.allowDms()),
                EditPacer.forSlack(editInterval, Clock.systemUTC()), http);
        platform.start();
        slack.socketMode().awaitConnections(1, Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        platform.stop(Duration.ofSeconds(5));
        openAi.close();
        slack.close();
    }
}
