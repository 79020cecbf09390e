package dev.askgate.server;

import dev.askgate.core.ChatPlatform;
import dev.askgate.core.http.HttpRoute;
import dev.askgate.core.http.RouteResponse;
import dev.askgate.core.model.ReasoningEffort;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's commands, exit statuses and configuration checks, run in-process. */
class AskgateCommandsTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";

    @Test
    void anUnknownCommandPrintsTheUsageOnStderrAndExitsTwo() {
        AskgateRun run = AskgateRun.run(Map.of(), "", "serv");

        assertThat(run.status).isEqualTo(2);
        assertThat(run.out).isEmpty();
        assertThat(run.err).contains("unknown command \"serv\"").contains("usage: askgate");
    }

    @Test
    void helpAndVersionPrintToStdout() {
        AskgateRun help = AskgateRun.run(Map.of(), "", "--help");
        AskgateRun version = AskgateRun.run(Map.of(), "", "version");

        assertThat(help.status).isZero();
        assertThat(help.out).contains("serve").contains("chat").contains("check");
        assertThat(version.status).isZero();
        assertThat(version.out).matches("askgate \\d+\\.\\d+\\.\\d+.*\\n");
    }

    @Test
    void serveWithoutAnyPlatformTokenExitsTwoAndSaysWhichTokensEnableWhichPlatform() {
        AskgateRun run = AskgateRun.run(Map.of("OPENAI_API_KEY", KEY), "");

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("no chat platform is configured")
                .contains("Discord:").contains("DISCORD_BOT_TOKEN")
                .contains("Socket Mode").contains("SLACK_APP_TOKEN")
                .contains("HTTP mode").contains("SLACK_SIGNING_SECRET")
                .doesNotContain(KEY);
    }

    @Test
    void serveWithNeitherKeyNorPlatformTokenReportsBothAtOnce() {
        AskgateRun run = AskgateRun.run(Map.of(), "", "serve");

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("askgate: OPENAI_API_KEY is not set").contains("no chat platform is configured");
    }

    @Test
    void everyConfigurationProblemIsReportedAtOnceNamingTheVariableAndNeverTheSecret() {
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", KEY);
        env.put("OPENAI_API_KEY_FILE", "/run/secrets/openai");
        env.put("ASKGATE_PORT", "eighty");
        env.put("ASKGATE_CONTEXT_TOKENS", "12");
        env.put("ASKGATE_SHUTDOWN_GRACE_SECONDS", "-1");
        env.put("ASKGATE_LOG_LEVEL", "LOUD");
        env.put("SLACK_APP_TOKEN", "xapp-FAKE-1-A0000-0000");
        env.put("DISCORD_BOT_TOKEN", "FAKE.discord.token");

        AskgateRun run = AskgateRun.run(env, "", "serve");

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err.lines()).hasSize(6).allMatch(line -> line.startsWith("askgate: "));
        assertThat(run.err).contains("OPENAI_API_KEY and OPENAI_API_KEY_FILE are both set")
                .contains("ASKGATE_PORT must be").contains("ASKGATE_CONTEXT_TOKENS must be")
                .contains("ASKGATE_SHUTDOWN_GRACE_SECONDS must be").contains("ASKGATE_LOG_LEVEL must be")
                .contains("SLACK_BOT_TOKEN (or SLACK_BOT_TOKEN_FILE) is missing")
                .doesNotContain(KEY).doesNotContain("xapp-FAKE").doesNotContain("FAKE.discord.token");
    }

    @Test
    void anAnswerRoomAsLargeAsTheContextIsAConfigurationProblemNotACrash() {
        var env = Map.of("OPENAI_API_KEY", KEY, "DISCORD_BOT_TOKEN", "FAKE.discord.token",
                "ASKGATE_CONTEXT_TOKENS", "1000", "ASKGATE_MAX_OUTPUT_TOKENS", "2000");

        AskgateRun serve = AskgateRun.run(env, "", "serve");
        AskgateRun chat = AskgateRun.run(env, "Hello?\n", "chat");

        for (AskgateRun run : List.of(serve, chat)) {
            assertThat(run.status).as(run.toString()).isEqualTo(2);
            assertThat(run.err.lines()).singleElement().asString().isEqualTo("askgate: ASKGATE_MAX_OUTPUT_TOKENS (2000) "
                    + "must be less than ASKGATE_CONTEXT_TOKENS (1000): the answer's tokens are part of the context; "
                    + "lower the first or raise the second");
        }
    }

    @Test
    void anAnswerRoomThatLeavesTooLittleForQuestionsIsOneProblemLine() {
        var loaded = AskgateConfig.load(Map.of("OPENAI_API_KEY", KEY,
                "ASKGATE_CONTEXT_TOKENS", "1000", "ASKGATE_MAX_OUTPUT_TOKENS", "950"));

        assertThat(loaded).isInstanceOfSatisfying(AskgateConfig.Loaded.Invalid.class, invalid ->
                assertThat(invalid.problems()).singleElement().asString()
                        .startsWith("ASKGATE_MAX_OUTPUT_TOKENS (950) leaves 50 of ASKGATE_CONTEXT_TOKENS (1000)"));
    }

    @Test
    void aSystemPromptThatLeavesTooLittleRoomForQuestionsIsAConfigurationProblem() {
        String prompt = "Answer in the voice of a patient teacher. ".repeat(60); // 8 tokens a repeat
        var env = Map.of("OPENAI_API_KEY", KEY, "ASKGATE_SYSTEM_PROMPT", prompt, "ASKGATE_CONTEXT_TOKENS", "600");

        AskgateRun check = AskgateRun.run(env, "", "check");
        var fits = AskgateConfig.load(Map.of("OPENAI_API_KEY", KEY, "ASKGATE_SYSTEM_PROMPT", prompt));

        assertThat(check.status).isEqualTo(2);
        assertThat(check.out.lines()).singleElement().asString()
                .matches("FAIL  ASKGATE_SYSTEM_PROMPT is \\d+ tokens; ASKGATE_CONTEXT_TOKENS leaves room for 450 "
                        + "\\(600 minus 150 kept for the answer\\): shorten the prompt or raise ASKGATE_CONTEXT_TOKENS, "
                        + "so that at least 128 tokens remain for a question");
        assertThat(fits).as("the same prompt in the default 16000 tokens").isInstanceOf(AskgateConfig.Loaded.Valid.class);
    }

    @Test
    void theReasoningEffortIsUnsetByDefaultReadWhenSetAndABadValueNamesTheVariable() {
        var unset = AskgateConfig.load(Map.of("OPENAI_API_KEY", KEY));
        var set = AskgateConfig.load(Map.of("OPENAI_API_KEY", KEY, "OPENAI_REASONING_EFFORT", "XHigh"));
        AskgateRun bad = AskgateRun.run(Map.of("OPENAI_API_KEY", KEY, "OPENAI_REASONING_EFFORT", "extreme"), "",
                "check");

        assertThat(unset).isInstanceOfSatisfying(AskgateConfig.Loaded.Valid.class, valid ->
                assertThat(valid.config().chat().reasoningEffort()).isEqualTo(ReasoningEffort.ENDPOINT_DEFAULT));
        assertThat(set).isInstanceOfSatisfying(AskgateConfig.Loaded.Valid.class, valid ->
                assertThat(valid.config().chat().reasoningEffort()).isEqualTo(ReasoningEffort.XHIGH));
        assertThat(bad.status).isEqualTo(2);
        assertThat(bad.out.lines()).containsExactly("FAIL  OPENAI_REASONING_EFFORT must be one of "
                + "none|minimal|low|medium|high|xhigh|max, or unset for the endpoint's default (got \"extreme\")");
    }

    @Test
    void theSlackAssistantPanelIsReadByTheLauncherAndABadValueIsOneCheckLine() {
        Map<String, String> slack = Map.of("OPENAI_API_KEY", KEY, "SLACK_BOT_TOKEN", "xoxb-FAKE-1-bot",
                "SLACK_APP_TOKEN", "xapp-FAKE-1-app", "SLACK_ASSISTANT", "true");
        var on = AskgateConfig.load(slack);
        var env = new java.util.HashMap<>(slack);
        env.put("SLACK_ASSISTANT", "sometimes");
        AskgateRun bad = AskgateRun.run(env, "", "check");

        assertThat(on).isInstanceOfSatisfying(AskgateConfig.Loaded.Valid.class, valid ->
                assertThat(valid.config().slack().orElseThrow().assistant().enabled()).isTrue());
        assertThat(bad.status).isEqualTo(2);
        assertThat(bad.out.lines()).containsExactly("FAIL  SLACK_ASSISTANT must be true or false (got \"sometimes\")");
    }

    @Test
    void theDefaultModelIsOneOpenAiStillServes() {
        var loaded = AskgateConfig.load(Map.of("OPENAI_API_KEY", KEY));

        assertThat(loaded).isInstanceOfSatisfying(AskgateConfig.Loaded.Valid.class, valid ->
                assertThat(valid.config().chat().model()).isEqualTo("gpt-6-luna"));
    }

    @Test
    void tokenSettingsThatAreNotNumbersAreNotComparedAsWell() {
        var loaded = AskgateConfig.load(Map.of("OPENAI_API_KEY", KEY,
                "ASKGATE_CONTEXT_TOKENS", "lots", "ASKGATE_MAX_OUTPUT_TOKENS", "20000"));

        assertThat(loaded).isInstanceOfSatisfying(AskgateConfig.Loaded.Invalid.class, invalid ->
                assertThat(invalid.problems()).singleElement().asString().startsWith("ASKGATE_CONTEXT_TOKENS must be"));
    }

    @Test
    void servePassesTheConfigurationToThePlatformFactoryAndExitsOneWhenAPlatformDoesNotStart() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var env = Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", "http://127.0.0.1:9/v1",
                "DISCORD_BOT_TOKEN", "FAKE.discord.token", "ASKGATE_PORT", String.valueOf(port));
        var created = new AtomicReference<AskgateConfig>();
        PlatformFactory refusing = (config, wiring) -> {
            created.set(config);
            return new EnabledPlatforms.Builder().platform(new ChatPlatform() {
                public String name() { return "testchat"; }
                public void start() { throw new IllegalStateException("the test platform refuses to connect"); }
                public boolean ready() { return false; }
                public void stop(Duration grace) { }
            }).build();
        };

        AskgateRun run = AskgateRun.run(env, "", refusing, "serve");

        assertThat(run.status).as(run.toString()).isEqualTo(1);
        assertThat(run.err).isEqualTo("askgate: testchat did not start: the test platform refuses to connect\n");
        assertThat(created.get().platforms().discordBot()).isTrue();
    }

    @Test
    void aBusyPortIsOneLineNamingAskgatePort() throws Exception {
        try (var busy = new ServerSocket(0)) {
            var env = Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", "http://127.0.0.1:9/v1",
                    "DISCORD_BOT_TOKEN", "FAKE.discord.token", "ASKGATE_PORT", String.valueOf(busy.getLocalPort()));
            PlatformFactory none = (config, wiring) -> new EnabledPlatforms.Builder().build();

            AskgateRun run = AskgateRun.run(env, "", none, "serve");

            assertThat(run.status).as(run.toString()).isEqualTo(1);
            assertThat(run.err.lines()).singleElement().asString()
                    .startsWith("askgate: cannot serve on port " + busy.getLocalPort() + " (ASKGATE_PORT): ")
                    .endsWith("set ASKGATE_PORT to a free port");
        }
    }

    @Test
    void aConfigurationRecordPrintsNoSecret() {
        var loaded = AskgateConfig.load(Map.of("OPENAI_API_KEY", KEY, "DISCORD_BOT_TOKEN", "FAKE.discord.token"));

        assertThat(loaded).isInstanceOf(AskgateConfig.Loaded.Valid.class);
        assertThat(loaded.toString()).doesNotContain(KEY).doesNotContain("FAKE.discord.token");
    }

    @Test
    void healthcheckPassesWhileHealthzAnswersAndFailsWhenNothingListens() throws Exception {
        var endpoints = new HttpEndpoints(0, List.of(HttpRoute.of("GET", "/healthz",
                request -> RouteResponse.json(200, "{\"status\":\"alive\"}"))), List.of());
        endpoints.start();
        String port = String.valueOf(endpoints.port());
        AskgateRun alive = AskgateRun.run(Map.of("ASKGATE_PORT", port), "", "healthcheck");
        endpoints.close();
        AskgateRun gone = AskgateRun.run(Map.of("ASKGATE_PORT", port), "", "healthcheck");

        assertThat(alive.status).as(alive.toString()).isZero();
        assertThat(gone.status).isEqualTo(1);
        assertThat(gone.err).contains("/healthz on port " + port + " did not answer");
    }

    @Test
    void serveWithADiscordTokenTheGatewayRejectsExitsOneSayingWhyWithoutTheToken() throws Exception {
        String wrongToken = "FAKE0wrong0token0notreal.FAKE00.FAKE0000notreal0000000000000";
        try (var discord = new dev.askgate.testkit.discord.FakeDiscord(
                "FAKE0discord0token0notreal.FAKE00.FAKE0000notreal0000000000000");
             var openAi = new dev.askgate.testkit.openai.FakeOpenAi()) {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            AskgateRun run = AskgateRun.run(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                    "DISCORD_BOT_TOKEN", wrongToken, "DISCORD_API_URL", discord.apiUrl(),
                    "DISCORD_GATEWAY_URL", discord.gatewayUrl(), "DISCORD_COMPRESSION", "none",
                    "ASKGATE_PORT", String.valueOf(port)), "", "serve");

            assertThat(run.status).as(run.toString()).isEqualTo(1);
            assertThat(run.out + run.err).containsIgnoringCase("token").doesNotContain(wrongToken).doesNotContain(KEY);
        }
    }
}
