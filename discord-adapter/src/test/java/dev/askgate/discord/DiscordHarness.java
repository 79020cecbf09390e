package dev.askgate.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.Caller;
import dev.askgate.core.ChatService;
import dev.askgate.core.ChatSettings;
import dev.askgate.core.config.Secret;
import dev.askgate.core.config.Settings;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.key.FixedKeySource;
import dev.askgate.core.key.KeySpec;
import dev.askgate.core.openai.OpenAiChatModel;
import dev.askgate.core.openai.OpenAiConfig;
import dev.askgate.core.render.EditPacer;
import dev.askgate.core.usage.OwnUsage;
import dev.askgate.testkit.discord.FakeDiscord;
import dev.askgate.testkit.openai.FakeOpenAi;
import okhttp3.OkHttpClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The real adapter, with the real JDA and the real core, against FakeDiscord and FakeOpenAi over real sockets.
 * The adapter is configured the way the launcher does it: from variables, through {@link DiscordConfig#from}.
 */
final class DiscordHarness implements AutoCloseable {
    static final String DISCORD_TOKEN = "FAKE0discord0token0notreal.FAKE00.FAKE0000notreal0000000000000";
    static final String OPENAI_KEY = "sk-proj-FAKE0000test0000key0000notreal";
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String MODEL = "gpt-6-luna";

    final FakeDiscord discord = new FakeDiscord(DISCORD_TOKEN);
    final FakeOpenAi openai = new FakeOpenAi();
    final OkHttpClient http = new OkHttpClient();
    private final FixedKeySource keys = new FixedKeySource(new Secret(OPENAI_KEY));
    DiscordPlatform platform;
    /** The words of {@code /usage} (Markdown); set before {@link #start}. */
    Function<Caller, String> ownUsage = caller -> OwnUsage.UNTRACKED;

    /** Starts the adapter with the test defaults (fast edits, no compression) plus {@code overrides}. */
    DiscordHarness start(Map<String, String> overrides) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("DISCORD_BOT_TOKEN", DISCORD_TOKEN);
        env.put("DISCORD_API_URL", discord.apiUrl());
        env.put("DISCORD_GATEWAY_URL", discord.gatewayUrl());
        env.put("DISCORD_COMPRESSION", "none");
        env.put("DISCORD_EDIT_INTERVAL_MS", "50");
        env.putAll(overrides);
        Settings settings = new Settings(env);
        DiscordConfig config = DiscordConfig.from(settings).orElseThrow();
        if (!settings.problems().isEmpty()) throw new IllegalStateException(settings.problems().toString());

        OpenAiConfig openAiConfig = new OpenAiConfig(URI.create(openai.baseUrl()), MODEL, "", "",
                Duration.ofSeconds(2), 0, new KeySpec.FromValue(new Secret(OPENAI_KEY)));
        ChatSettings chatSettings = new ChatSettings(MODEL, ChatSettings.DEFAULT_SYSTEM_PROMPT, 16_000, 0);
        ChatService chat = new ChatService(new OpenAiChatModel(http, new ObjectMapper(), openAiConfig, keys),
                chatSettings, new SecretGuard(), new ContextWindow(chatSettings), keys::appearsIn);
        platform = new DiscordPlatform(config, chat, EditPacer.forDiscord(config.editInterval(), Clock.systemUTC()),
                http, Clock.systemUTC(), ownUsage);
        platform.start();
        return this;
    }

    DiscordHarness start() throws Exception {
        return start(Map.of());
    }

    @Override
    public void close() {
        if (platform != null) platform.stop(Duration.ofSeconds(5));
        discord.close();
        openai.close();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
