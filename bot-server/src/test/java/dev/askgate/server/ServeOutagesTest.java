package dev.askgate.server;

import dev.askgate.testkit.discord.FakeDiscord;
import dev.askgate.testkit.discord.SentMessage;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.askgate.server.ServeProcess.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code askgate serve} in its own process against the fakes, through what an operator's day brings: a
 * SIGTERM while a Discord answer is being written (it is posted whole before the exit, within the drain), and a
 * lost Discord Gateway or Slack Socket Mode connection (/readyz says not ready while it is down, ready again after).
 */
class ServeOutagesTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";
    private static final String DISCORD_TOKEN = "FAKE0discord0token0notreal.FAKE00.FAKE0000notreal0000000000000";
    private static final String SLACK_BOT_TOKEN = "xoxb-FAKE-0000-test-token-notreal";
    private static final String SLACK_APP_TOKEN = "xapp-FAKE-0000-test-token-notreal";
    private static final int GRACE_SECONDS = 20;

    private final FakeOpenAi openAi = new FakeOpenAi();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private FakeDiscord discord;
    private FakeSlack slack;
    private ServeProcess serve;

    @AfterEach
    void close() {
        if (serve != null) serve.close();
        if (discord != null) discord.close();
        if (slack != null) slack.close();
        openAi.close();
    }

    @Test
    void sigtermWhileADiscordAnswerStreamsPostsItWholeBeforeExitingZeroWithinTheGrace(@TempDir Path dir)
            throws Exception {
        String whole = "Finished in full although a SIGTERM came while the model was still thinking.";
        openAi.enqueue(FakeOpenAi.answer(whole).streamedInWords().firstTokenAfter(Duration.ofSeconds(2))
                .perTokenDelay(Duration.ofMillis(100)));
        startWithDiscord(dir);
        serve.awaitStatus("/readyz", 200);

        discord.mention(discord.alice(), discord.channelId(), "will you finish?");
        awaitChatRequest();
        long signalled = System.nanoTime();
        int status = serve.terminate(); // SIGTERM
        Duration stopping = Duration.ofNanos(System.nanoTime() - signalled);
        Instant exited = Instant.now();

        String log = serve.log();
        assertThat(status).as(log).isZero();
        assertThat(stopping).as("stopped within ASKGATE_SHUTDOWN_GRACE_SECONDS").isLessThan(Duration.ofSeconds(GRACE_SECONDS));
        SentMessage answer = discord.messagesIn(discord.channelId()).stream().findFirst().orElseThrow(
                () -> new AssertionError("no answer was posted before the exit:\n" + log));
        assertThat(answer.text()).as("the answer as it stood when the process had exited").isEqualTo(whole);
        assertThat(answer.times().getLast()).isBefore(exited);
        assertThat(log).contains("shutting down").doesNotContain(KEY).doesNotContain(DISCORD_TOKEN);
    }

    @Test
    void readyzIsNotReadyWhileTheDiscordGatewayIsLostAndReadyAgainOnceItReconnects(@TempDir Path dir)
            throws Exception {
        openAi.answerAlways("Still here.");
        startWithDiscord(dir);
        serve.awaitStatus("/readyz", 200);

        discord.refuseGateway(true);
        discord.dropGateway(4000); // JDA reconnects after this close code; the outage refuses it for now
        serve.awaitStatus("/readyz", 503);
        String down = readyzBody();
        discord.refuseGateway(false);
        serve.awaitStatus("/readyz", 200);

        assertThat(down).contains("\"ready\":false").contains("discord");
        discord.mention(discord.alice(), discord.channelId(), "are you back?");
        SentMessage answer = discord.awaitMessageIn(discord.channelId(), WAIT);
        assertThat(discord.awaitText(answer, "Still here."::equals, WAIT)).isEqualTo("Still here.");
        assertThat(serve.terminate()).as(serve.log()).isZero();
    }

    @Test
    void readyzIsNotReadyWhileTheSlackSocketModeConnectionIsLostAndReadyAgainOnceItReconnects(@TempDir Path dir)
            throws Exception {
        slack = new FakeSlack(SLACK_BOT_TOKEN, SLACK_APP_TOKEN);
        serve = ServeProcess.start(Askgate.class, Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                "SLACK_BOT_TOKEN", SLACK_BOT_TOKEN, "SLACK_APP_TOKEN", SLACK_APP_TOKEN, "SLACK_API_URL", slack.apiUrl()),
                dir);
        serve.awaitStatus("/readyz", 200);
        slack.socketMode().awaitConnections(1, WAIT);

        // The next attempt to reconnect fails too, so that the outage lasts long enough to be seen.
        slack.failNext("apps.connections.open", "internal_error");
        slack.socketMode().cutConnections();
        serve.awaitStatus("/readyz", 503);
        String down = readyzBody();
        serve.awaitStatus("/readyz", 200);

        assertThat(down).contains("\"ready\":false").contains("slack");
        assertThat(slack.socketMode().connected()).isTrue();
        assertThat(slack.calls("apps.connections.open").size()).isGreaterThanOrEqualTo(3);
        assertThat(serve.terminate()).as(serve.log()).isZero();
    }

    private void startWithDiscord(Path dir) throws Exception {
        discord = new FakeDiscord(DISCORD_TOKEN);
        serve = ServeProcess.start(Askgate.class, Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                "DISCORD_BOT_TOKEN", DISCORD_TOKEN, "DISCORD_API_URL", discord.apiUrl(),
                "DISCORD_GATEWAY_URL", discord.gatewayUrl(), "DISCORD_COMPRESSION", "none",
                "ASKGATE_SHUTDOWN_GRACE_SECONDS", Integer.toString(GRACE_SECONDS)), dir);
    }

    private String readyzBody() throws Exception {
        return client.send(HttpRequest.newBuilder(serve.uri("/readyz")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitChatRequest() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (openAi.chatRequests().isEmpty()) {
            assertThat(System.nanoTime()).as("the question reached the fake model in time").isLessThan(deadline);
            Thread.sleep(20); // polling interval
        }
    }
}
