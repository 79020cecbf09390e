package dev.askgate.bench;

import dev.askgate.testkit.discord.FakeDiscord;
import dev.askgate.testkit.discord.SentMessage;
import dev.askgate.testkit.openai.FakeOpenAi;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code askgate serve} from the jar connected to a {@link FakeDiscord} (REST and Gateway, plain JSON frames) and
 * a {@link FakeOpenAi}, with as many extra text channels as the case spreads its questions over.
 */
final class DiscordRig implements AutoCloseable {
    static final String KEY = "sk-proj-FAKE0000bench0000key0000notreal";
    static final String TOKEN = "FAKE0bench0discord0token.FAKE00.FAKE0000notreal0000000000000";

    final FakeOpenAi openAi = new FakeOpenAi();
    final FakeDiscord discord = new FakeDiscord(TOKEN);
    final List<String> channels = new ArrayList<>();
    final ServedAskgate serve;
    final Duration startToReady;

    DiscordRig(ServeJar jar, int channelCount, Map<String, String> extraEnv) throws Exception {
        channels.add(discord.channelId());
        while (channels.size() < channelCount) channels.add(discord.addTextChannel());
        Map<String, String> env = new HashMap<>(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                "DISCORD_BOT_TOKEN", TOKEN, "DISCORD_API_URL", discord.apiUrl(),
                "DISCORD_GATEWAY_URL", discord.gatewayUrl(), "DISCORD_COMPRESSION", "none",
                "OPENAI_MAX_CONCURRENT", "1024"));
        env.putAll(extraEnv);
        serve = ServedAskgate.start(jar, env);
        startToReady = serve.awaitReady();
        discord.awaitIdentified(Duration.ofSeconds(30));
    }

    /** Mentions the bot; returns when the Gateway frame was sent, to time the answer from. */
    Instant mention(String channel, String text) {
        Instant sent = Instant.now();
        discord.mention(discord.alice(), channel, text);
        return sent;
    }

    /** The bot's message in {@code channel} that (eventually) reads {@code finalText}, once it does. */
    Optional<SentMessage> answer(String channel, String finalText) {
        return discord.messagesIn(channel).stream().filter(m -> m.text().equals(finalText)).findFirst();
    }

    /** How many of the bot's messages, over every channel of the rig, read {@code text} now. */
    int answeredCount(String text) {
        return (int) channels.stream().flatMap(c -> discord.messagesIn(c).stream()).filter(m -> m.text().equals(text)).count();
    }

    /** When {@code message} first read {@code text} (the create or the edit that set it). */
    static Optional<Instant> whenText(SentMessage message, String text) {
        List<String> versions = message.versions();
        List<Instant> times = message.times();
        for (int i = 0; i < versions.size() && i < times.size(); i++) {
            if (versions.get(i).equals(text)) return Optional.of(times.get(i));
        }
        return Optional.empty();
    }

    /** Edits the fake refused with 429 (Discord's 5 edits per 5 s per channel). */
    long rateLimitedEdits() {
        return discord.calls().stream().filter(c -> c.method().equals("PATCH") && c.status() == 429).count();
    }

    @Override
    public void close() throws Exception {
        serve.close();
        FakeShutdown.quietly(discord::close, openAi::close);
    }
}
