package dev.askgate.discord;

import dev.askgate.core.ChatService;
import dev.askgate.core.ChatConfig;
import dev.askgate.core.config.Settings;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.model.ModelCheck;
import dev.askgate.core.model.ChatModel;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelRequest;
import dev.askgate.core.model.ModelResult;
import dev.askgate.core.platform.SharedPieces;
import dev.askgate.testkit.discord.FakeDiscord;
import dev.askgate.testkit.openai.FakeOpenAi;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static dev.askgate.discord.DiscordHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start, readiness and stop with grace, as the launcher drives them. */
class PlatformLifecycleTest {
    final DiscordHarness h = new DiscordHarness();

    @AfterEach
    void tearDown() {
        h.close();
    }

    @ParameterizedTest(name = "shards: \"{0}\"")
    @ValueSource(strings = {"", "2"})
    void aRejectedTokenFailsTheStartWithALineThatNamesTheVariableButNotTheToken(String shards) {
        String wrong = "FAKE0wrong0token0notreal00.FAKE00.FAKE0000notreal0000000000000";
        try (FakeDiscord discord = new FakeDiscord(DiscordHarness.DISCORD_TOKEN)) {
            Settings settings = new Settings(Map.of("DISCORD_BOT_TOKEN", wrong, "DISCORD_API_URL", discord.apiUrl(),
                    "DISCORD_GATEWAY_URL", discord.gatewayUrl(), "DISCORD_COMPRESSION", "none",
                    "DISCORD_SHARDS", shards));
            DiscordPlatform platform = platform(DiscordConfig.from(settings).orElseThrow());

            assertThatThrownBy(platform::start).hasMessageContaining("DISCORD_BOT_TOKEN")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
            assertThat(platform.ready()).isFalse();
            assertThat(platform.executorsShutDown()).isTrue();
        }
    }

    @ParameterizedTest(name = "shards: \"{0}\"")
    @ValueSource(strings = {"", "2"})
    void anUnreachableApiFailsTheStartWithOneLineNamingTheAddressTriedAndTheVariables(String shards) throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String api = "http://127.0.0.1:" + closedPort + "/api/v10/";
        Settings settings = new Settings(Map.of("DISCORD_BOT_TOKEN", DiscordHarness.DISCORD_TOKEN,
                "DISCORD_API_URL", api, "DISCORD_COMPRESSION", "none", "DISCORD_SHARDS", shards));
        DiscordPlatform platform = platform(DiscordConfig.from(settings).orElseThrow());

        assertThatThrownBy(platform::start).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Discord's API could not be reached at " + api)
                .hasMessageContaining("DISCORD_API_URL").hasMessageContaining("DISCORD_GATEWAY_URL")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").doesNotStartWith("-1"));
        assertThat(platform.executorsShutDown()).isTrue();
    }

    @Test
    void anUnreachableGatewayFailsTheStartInTimeWithALineNamingTheUrlsAndLeavesNoThreads() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (FakeDiscord discord = new FakeDiscord(DiscordHarness.DISCORD_TOKEN)) {
            String gateway = "ws://127.0.0.1:" + closedPort + "/gateway";
            Settings settings = new Settings(Map.of("DISCORD_BOT_TOKEN", DiscordHarness.DISCORD_TOKEN,
                    "DISCORD_API_URL", discord.apiUrl(), "DISCORD_GATEWAY_URL", gateway,
                    "DISCORD_COMPRESSION", "none", "DISCORD_START_TIMEOUT_SECONDS", "2"));
            DiscordPlatform platform = platform(DiscordConfig.from(settings).orElseThrow());

            assertThatThrownBy(platform::start)
                    .hasMessageStartingWith("Discord's gateway was not reached within 2 s at " + gateway)
                    .hasMessageContaining("DISCORD_GATEWAY_URL").hasMessageContaining("DISCORD_API_URL")
                    .hasMessageContaining("the API at " + discord.apiUrl())
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
            assertThat(platform.ready()).isFalse();
            assertThat(platform.executorsShutDown()).isTrue();
            assertThat(platform.shards()).allSatisfy(jda -> assertThat(jda.getStatus())
                    .isIn(net.dv8tion.jda.api.JDA.Status.SHUTDOWN, net.dv8tion.jda.api.JDA.Status.SHUTTING_DOWN));
        }
    }

    @Test
    void stoppingShardsWaitsForThemWithinTheGrace() throws Exception {
        h.start(Map.of("DISCORD_SHARDS", "2"));
        var shards = h.platform.shards();
        assertThat(shards).hasSize(2);

        h.platform.stop(Duration.ofSeconds(10));

        assertThat(shards).allSatisfy(jda -> assertThat(jda.getStatus()).isEqualTo(net.dv8tion.jda.api.JDA.Status.SHUTDOWN));
    }

    @Test
    void aMissingMessageContentIntentIsExplainedAtStart() {
        h.discord.disallowIntents(1L << 15);

        assertThatThrownBy(h::start).hasMessageContaining("Message Content Intent")
                .hasMessageContaining("DISCORD_MESSAGE_CONTENT=false");
    }

    @Test
    void withoutTheMessageContentIntentMentionsAreStillAnswered() throws Exception {
        h.discord.disallowIntents(1L << 15);
        h.start(Map.of("DISCORD_MESSAGE_CONTENT", "false"));
        h.openai.enqueue(FakeOpenAi.answer("No privileged intent needed."));

        h.discord.mention(h.discord.alice(), h.discord.channelId(), "does this work?");

        h.discord.awaitText(h.discord.awaitMessageIn(h.discord.channelId(), WAIT),
                "No privileged intent needed."::equals, WAIT);
        assertThat(h.discord.gatewayFrames()).filteredOn(f -> f.path("op").asInt() == 2)
                .allSatisfy(identify -> assertThat(identify.path("d").path("intents").asLong() & (1L << 15)).isZero());
    }

    @Test
    void readyWhileConnectedAndStopLetsAnAnswerInFlightFinish() throws Exception {
        h.start();
        assertThat(h.platform.ready()).isTrue();
        h.openai.enqueue(FakeOpenAi.answer("Finished despite the shutdown.").firstTokenAfter(Duration.ofMillis(800)));
        h.discord.mention(h.discord.alice(), h.discord.channelId(), "slow one");
        h.openai.awaitRequests(1, WAIT);

        h.platform.stop(Duration.ofSeconds(10));

        assertThat(h.platform.ready()).isFalse();
        assertThat(h.discord.messagesIn(h.discord.channelId())).singleElement()
                .satisfies(m -> assertThat(m.text()).isEqualTo("Finished despite the shutdown."));
    }

    @Test
    void afterADroppedGatewayConnectionJdaResumesAndAnswersAgain() throws Exception {
        h.start();
        h.openai.answerAlways("still here");

        h.discord.dropGateway(4000);
        h.discord.await(() -> h.discord.gatewayFrames().stream().anyMatch(f -> f.path("op").asInt() == 6)
                ? true : null, WAIT, "a RESUME");
        h.discord.awaitIdentified(WAIT);
        h.discord.mention(h.discord.alice(), h.discord.channelId(), "are you back?");

        h.discord.awaitText(h.discord.awaitMessageIn(h.discord.channelId(), WAIT), "still here"::equals, WAIT);
        h.discord.await(() -> h.platform.ready() ? true : null, WAIT, "ready again");
    }

    /** The platform as the launcher builds it, around a chat service that must never be asked. */
    private static DiscordPlatform platform(DiscordConfig config) {
        ChatService chat = unusedChat();
        SharedPieces shared = SharedPieces.around(chat, new ContextWindow(chat.settings()), Clock.systemUTC());
        return new DiscordPlatform(config, shared, shared.admission(config.access(), config.allowDms()),
                new OkHttpClient());
    }

    private static ChatService unusedChat() {
        ChatConfig settings = new ChatConfig("gpt-6-luna", "", 4096, 0);
        ChatModel none = new ChatModel() {
            public ModelResult stream(ModelRequest request, DeltaListener onDelta) { throw new AssertionError(); }
            public ModelResult complete(ModelRequest request) { throw new AssertionError(); }
            public ModelCheck check() { return new ModelCheck.Available(); }
        };
        return new ChatService(none, settings, new SecretGuard(), new ContextWindow(settings), text -> false);
    }
}
