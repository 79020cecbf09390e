package dev.askgate.server;

import dev.askgate.testkit.discord.FakeDiscord;
import dev.askgate.testkit.discord.SentMessage;
import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code askgate serve} in its own process, configured only by environment variables as an operator
 * would: it connects to (fake) Discord, turns ready, answers a mention with the (fake) model's words, and exits 0
 * on SIGTERM, with neither secret in its output.
 */
class ServeWithDiscordTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";
    private static final String DISCORD_TOKEN = "FAKE0discord0token0notreal.FAKE00.FAKE0000notreal0000000000000";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final FakeOpenAi openAi = new FakeOpenAi();
    private final FakeDiscord discord = new FakeDiscord(DISCORD_TOKEN);
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private Process child;

    @AfterEach
    void close() {
        if (child != null) child.destroyForcibly();
        discord.close();
        openAi.close();
    }

    @Test
    void serveAnswersADiscordMentionAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path output = dir.resolve("serve.log");
        openAi.answerAlways("Deploys go out on Tuesdays.");
        int port = freePort();
        var builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Askgate.class.getName(), "serve")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                "DISCORD_BOT_TOKEN", DISCORD_TOKEN, "DISCORD_API_URL", discord.apiUrl(),
                "DISCORD_GATEWAY_URL", discord.gatewayUrl(), "DISCORD_COMPRESSION", "none",
                "ASKGATE_PORT", String.valueOf(port), "ASKGATE_LOG_LEVEL", "DEBUG"));
        child = builder.start();

        awaitStatus(port, "/readyz", 200, output);
        String question = discord.mention(discord.alice(), discord.channelId(), "when do deploys go out?");
        SentMessage answer = discord.awaitMessageIn(discord.channelId(), WAIT);
        assertThat(discord.awaitText(answer, "Deploys go out on Tuesdays."::equals, WAIT)).isNotNull();
        assertThat(answer.replyToId()).isEqualTo(question);
        assertThat(openAi.lastRequest().messageContents()).last().isEqualTo("when do deploys go out?");

        child.destroy(); // SIGTERM
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(output);
        assertThat(child.exitValue()).as(log).isZero();
        assertThat(log).contains("discord").doesNotContain(KEY).doesNotContain(DISCORD_TOKEN);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitStatus(int port, String path, int status, Path output) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int last = 0;
        while (System.nanoTime() < deadline) {
            assertThat(child.isAlive()).as("serving process ended early:\n%s", Files.readString(output)).isTrue();
            try {
                last = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (last == status) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100); // polling interval
        }
        throw new AssertionError(path + " answered " + last + ", not " + status + ", within " + WAIT + ":\n"
                + Files.readString(output));
    }
}
