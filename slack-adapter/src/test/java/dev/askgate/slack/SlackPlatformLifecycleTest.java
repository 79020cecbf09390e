package dev.askgate.slack;

import dev.askgate.core.ChatConfig;
import dev.askgate.core.config.Secret;
import dev.askgate.core.platform.SharedPieces;
import dev.askgate.core.render.EditPacer;
import dev.askgate.fixture.CoreFixture;
import dev.askgate.testkit.openai.FakeAnswer;
import dev.askgate.testkit.slack.FakeSlack;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.askgate.slack.SlackHarness.APP_TOKEN;
import static dev.askgate.slack.SlackHarness.BOT_TOKEN;
import static dev.askgate.slack.SlackHarness.CHANNEL;
import static dev.askgate.slack.SlackHarness.OPENAI_KEY;
import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlackPlatformLifecycleTest {

    private static SlackPlatform platform(FakeSlack slack, String botToken, String appToken) {
        return platform(slack.apiUrl(), botToken, appToken);
    }

    private static SlackPlatform platform(String apiUrl, String botToken, String appToken) {
        SlackConfig settings = new SlackConfig(new Secret(botToken),
                new SlackConfig.Connection.SocketMode(new Secret(appToken)), apiUrl, true,
                Duration.ofMillis(100), null);
        // The model is never reached: nothing listens on port 9.
        SharedPieces shared = new CoreFixture(URI.create("http://127.0.0.1:9/v1"),
                new ChatConfig("gpt-6-luna", "", 16_000, 0), Duration.ofSeconds(5), new OkHttpClient()).shared();
        return new SlackPlatform(settings, shared, shared.admission(settings.access().toRules(), true),
                EditPacer.forSlack(Duration.ofMillis(100), Clock.systemUTC()), new OkHttpClient());
    }

    @Test
    void aRejectedBotTokenStopsStartUpNamingTheVariable() {
        try (FakeSlack slack = new FakeSlack(BOT_TOKEN, APP_TOKEN)) {
            SlackPlatform p = platform(slack, "xoxb-FAKE-revoked", APP_TOKEN);
            assertThatThrownBy(p::start).hasMessageContaining("SLACK_BOT_TOKEN").hasMessageNotContaining("xoxb-FAKE-revoked");
            assertThat(p.ready()).isFalse();
            p.stop(Duration.ZERO);
        }
    }

    @Test
    void aRejectedAppTokenStopsStartUpNamingTheVariable() {
        try (FakeSlack slack = new FakeSlack(BOT_TOKEN, APP_TOKEN)) {
            SlackPlatform p = platform(slack, BOT_TOKEN, "xapp-FAKE-revoked");
            assertThatThrownBy(p::start).hasMessageContaining("SLACK_APP_TOKEN").hasMessageNotContaining("xapp-FAKE-revoked");
            assertThat(p.ready()).isFalse();
            p.stop(Duration.ZERO);
        }
    }

    @Test
    void itIsReadyWhileConnectedAndNotAfterStop() throws Exception {
        try (FakeSlack slack = new FakeSlack(BOT_TOKEN, APP_TOKEN)) {
            SlackPlatform p = platform(slack, BOT_TOKEN, APP_TOKEN);
            assertThat(p.ready()).isFalse();
            p.start();
            assertThat(p.ready()).isTrue();
            assertThat(p.name()).isEqualTo("slack");
            assertThat(p.httpEndpoint()).isEmpty();
            p.stop(Duration.ofSeconds(1));
            assertThat(p.ready()).isFalse();
        }
    }

    @Test
    void afterSlackAsksToDisconnectTheAppReconnectsAndKeepsAnswering() throws Exception {
        try (SlackHarness h = SlackHarness.start(SlackHarness.Mode.SOCKET)) {
            h.openAi.answerAlways("still here");
            h.slack.socketMode().sendDisconnect();
            h.slack.socketMode().awaitConnections(2, FakeSlack.DEFAULT_WAIT);

            h.send(h.slack.appMention(CHANNEL, USER, "<@" + FakeSlack.BOT_USER_ID + "> are you there?", ""), 0);

            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("still here"));
            assertThat(h.slack.calls("apps.connections.open").size()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void stopLetsAnAnswerInFlightFinish() throws Exception {
        SlackHarness h = SlackHarness.start(SlackHarness.Mode.SOCKET);
        try {
            h.openAi.enqueue(FakeAnswer.of("finished despite the stop").firstTokenAfter(Duration.ofMillis(800)));
            h.ask(CHANNEL, USER, "take your time");
            h.openAi.awaitRequests(1, FakeSlack.DEFAULT_WAIT);

            h.platform.stop(Duration.ofSeconds(15));

            assertThat(h.slack.messages()).anyMatch(m -> m.fromBot() && m.text().equals("finished despite the stop"));
            assertThat(h.platform.ready()).isFalse();
        } finally {
            h.close();
        }
    }

    @Test
    void anInactiveAccountIsReportedAsARefusedBotToken() {
        try (FakeSlack slack = new FakeSlack(BOT_TOKEN, APP_TOKEN)) {
            slack.failNext("auth.test", "account_inactive");
            SlackPlatform p = platform(slack, BOT_TOKEN, APP_TOKEN);
            assertThatThrownBy(p::start).hasMessageContaining("Slack refused SLACK_BOT_TOKEN")
                    .hasMessageContaining("account_inactive").hasMessageNotContaining(BOT_TOKEN);
            p.stop(Duration.ZERO);
        }
    }

    @Test
    void anUnreachableSlackIsReportedAsANetworkProblemNamingTheApiUrlNotAsABadToken() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        SlackPlatform p = platform("http://127.0.0.1:" + closedPort + "/api/", BOT_TOKEN, APP_TOKEN);
        assertThatThrownBy(p::start).hasMessageContaining("SLACK_API_URL").hasMessageContaining("127.0.0.1")
                .hasMessageNotContaining("refused SLACK_BOT_TOKEN").hasMessageNotContaining(BOT_TOKEN);
        assertThat(p.ready()).isFalse();
        p.stop(Duration.ZERO);
    }

    @Test
    void stopShutsDownBoltsSocketModeThreads() throws Exception {
        try (SlackHarness h = SlackHarness.start(SlackHarness.Mode.SOCKET)) {
            h.openAi.answerAlways("hello");
            h.send(h.slack.appMention(CHANNEL, USER, "<@" + FakeSlack.BOT_USER_ID + "> hi", ""), 0);
            h.slack.awaitBotMessage(CHANNEL, m -> m.text().equals("hello"));
            assertThat(socketModeThreads()).isNotEmpty(); // Bolt's message processor and session monitor

            h.platform.stop(Duration.ofSeconds(2));

            h.slack.await(() -> socketModeThreads().isEmpty() ? Optional.of(true) : Optional.empty(),
                    FakeSlack.DEFAULT_WAIT, "Bolt's Socket Mode threads to end: " + socketModeThreads());
        }
    }

    @Test
    void stopDisconnectsSocketModeBeforeWaitingForAnswersInFlight() throws Exception {
        try (SlackHarness h = SlackHarness.start(SlackHarness.Mode.SOCKET)) {
            h.openAi.enqueue(FakeAnswer.of("finished after the disconnect").firstTokenAfter(Duration.ofSeconds(3)));
            h.ask(CHANNEL, USER, "take your time");
            h.openAi.awaitRequests(1, FakeSlack.DEFAULT_WAIT);

            Thread stopping = Thread.ofVirtual().start(() -> h.platform.stop(Duration.ofSeconds(20)));
            h.slack.await(() -> h.slack.socketMode().connected() ? Optional.empty() : Optional.of(true),
                    FakeSlack.DEFAULT_WAIT, "the app to disconnect");
            assertThat(stopping.isAlive()).as("still draining the answer in flight").isTrue();

            stopping.join(Duration.ofSeconds(30));
            assertThat(h.slack.messages()).anyMatch(m -> m.fromBot() && m.text().equals("finished after the disconnect"));
        }
    }

    @Test
    void inHttpModeAnEventArrivingDuringStopIsLeftForSlackToRetry() throws Exception {
        try (SlackHarness h = SlackHarness.start(SlackHarness.Mode.HTTP)) {
            h.openAi.enqueue(FakeAnswer.of("the first answer").firstTokenAfter(Duration.ofSeconds(3)));
            h.send(h.slack.appMention(CHANNEL, USER, "<@" + FakeSlack.BOT_USER_ID + "> first", ""), 0);
            h.openAi.awaitRequests(1, FakeSlack.DEFAULT_WAIT);

            Thread stopping = Thread.ofVirtual().start(() -> h.platform.stop(Duration.ofSeconds(20)));
            h.slack.await(() -> h.platform.ready() ? Optional.empty() : Optional.of(true),
                    FakeSlack.DEFAULT_WAIT, "the platform to begin stopping");
            SlackHarness.Ack late = h.send(h.slack.appMention(CHANNEL, USER, "<@" + FakeSlack.BOT_USER_ID + "> second", ""), 0);

            assertThat(late.status()).isEqualTo(503); // Slack delivers it again later
            stopping.join(Duration.ofSeconds(30));
            assertThat(h.openAi.requestCount()).isEqualTo(1);
            assertThat(h.slack.calls("chat.postEphemeral")).isEmpty();
            assertThat(h.slack.messages()).anyMatch(m -> m.fromBot() && m.text().equals("the first answer"));
        }
    }

    private static List<String> socketModeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("socket-mode-message-processor") || n.startsWith("socket-mode-session-monitor")
                        || n.startsWith("slack-bolt-socket-mode")).toList();
    }
}
