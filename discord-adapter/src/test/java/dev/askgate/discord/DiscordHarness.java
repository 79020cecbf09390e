package dev.askgate.discord;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatConfig;
import dev.askgate.core.config.Settings;
import dev.askgate.core.platform.SharedPieces;
import dev.askgate.fixture.CoreFixture;
import dev.askgate.core.usage.OwnUsage;
import dev.askgate.testkit.discord.FakeDiscord;
import dev.askgate.testkit.openai.FakeOpenAi;
import okhttp3.OkHttpClient;

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
    static final String OPENAI_KEY = CoreFixture.OPENAI_KEY;
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String MODEL = "gpt-6-luna";

    final FakeDiscord discord = new FakeDiscord(DISCORD_TOKEN);
    final FakeOpenAi openai = new FakeOpenAi();
    final OkHttpClient http = new OkHttpClient();
    private CoreFixture core;
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

        core = new CoreFixture(openai, new ChatConfig(MODEL, ChatConfig.DEFAULT_SYSTEM_PROMPT, 16_000, 0),
                Duration.ofSeconds(2), http);
        SharedPieces shared = core.shared().withOwnUsage(ownUsage);
        platform = new DiscordPlatform(config, shared, shared.admission(config.access(), config.allowDms()), http);
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
        if (core != null) core.close();
    }
}
