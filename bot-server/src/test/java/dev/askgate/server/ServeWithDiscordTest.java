package dev.askgate.server;

import dev.askgate.testkit.discord.FakeDiscord;
import dev.askgate.testkit.discord.SentMessage;
import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.askgate.server.ServeProcess.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code askgate serve} in its own process: it connects to (fake) Discord, turns ready, answers a
 * mention with the (fake) model's words, and exits 0 on SIGTERM, with neither secret in its output.
 */
class ServeWithDiscordTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";
    private static final String DISCORD_TOKEN = "FAKE0discord0token0notreal.FAKE00.FAKE0000notreal0000000000000";

    private final FakeOpenAi openAi = new FakeOpenAi();
    private final FakeDiscord discord = new FakeDiscord(DISCORD_TOKEN);
    private ServeProcess serve;

    @AfterEach
    void close() {
        if (serve != null) serve.close();
        discord.close();
        openAi.close();
    }

    @Test
    void serveAnswersADiscordMentionAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        openAi.answerAlways("Deploys go out on Tuesdays.");
        serve = ServeProcess.start(Askgate.class, Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                "DISCORD_BOT_TOKEN", DISCORD_TOKEN, "DISCORD_API_URL", discord.apiUrl(),
                "DISCORD_GATEWAY_URL", discord.gatewayUrl(), "DISCORD_COMPRESSION", "none"), dir);

        serve.awaitStatus("/readyz", 200);
        String question = discord.mention(discord.alice(), discord.channelId(), "when do deploys go out?");
        SentMessage answer = discord.awaitMessageIn(discord.channelId(), WAIT);
        assertThat(discord.awaitText(answer, "Deploys go out on Tuesdays."::equals, WAIT)).isNotNull();
        assertThat(answer.replyToId()).isEqualTo(question);
        assertThat(openAi.lastRequest().messageContents()).last().isEqualTo("when do deploys go out?");

        int status = serve.terminate();
        String log = serve.log();
        assertThat(status).as(log).isZero();
        assertThat(log).contains("discord").doesNotContain(KEY).doesNotContain(DISCORD_TOKEN);
    }
}
