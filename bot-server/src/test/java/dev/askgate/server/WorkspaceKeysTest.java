package dev.askgate.server;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.Conversation;
import dev.askgate.core.Platform;
import dev.askgate.core.ReplySink;
import dev.askgate.core.usage.RedactedKey;
import dev.askgate.core.usage.ReportGrouping;
import dev.askgate.core.usage.ReportLine;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.openai.RecordedCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code keys:} of ASKGATE_CONFIG through the real wiring against FakeOpenAi on a socket: which key and project header
 * each workspace's question is sent with, which key the ledger says paid, and a rejected workspace key told once.
 */
class WorkspaceKeysTest {
    private static final String MAIN_KEY = "sk-proj-FAKE0000main0000key0000notreal";
    private static final String TEAM_KEY = "sk-proj-FAKE0000team0000key0000notreal";
    private static final String GUILD_KEY = "sk-proj-FAKE0000guild000key0000notreal";
    private static final Caller TEAM = new Caller(Platform.SLACK, "T0TEAMFAKE", "C0FAKE", "U0FAKE");
    private static final Caller GUILD = new Caller(Platform.DISCORD, "123456789012345678", "42", "7");
    private static final Caller ELSEWHERE = new Caller(Platform.SLACK, "T0OTHERFAKE", "C0FAKE", "U0FAKE");

    private final FakeOpenAi openAi = new FakeOpenAi().answerAlways("hello");
    private final CapturedLogs logs = new CapturedLogs();

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        openAi.close();
        logs.close();
    }

    @Test
    void aQuestionFromAMappedWorkspaceIsSentWithItsKeyAndProjectAndOneFromElsewhereWithTheMainKey() throws Exception {
        try (Wiring wiring = new Wiring(config())) {
            ask(wiring, TEAM, "team");
            ask(wiring, GUILD, "guild");
            ask(wiring, ELSEWHERE, "elsewhere");
            ask(wiring, new Caller(Platform.SLACK, "", "D0FAKE", "U0FAKE"), "dm");
        }

        List<RecordedCall> calls = openAi.chatRequests();
        assertThat(calls).extracting(RecordedCall::bearerKey).containsExactly(TEAM_KEY, GUILD_KEY, MAIN_KEY, MAIN_KEY);
        assertThat(calls.get(0).header("OpenAI-Project")).isEqualTo("proj_team_fake");
        assertThat(calls.get(1).header("OpenAI-Project")).as("no project configured for the guild's key").isNull();
        assertThat(calls.get(2).header("OpenAI-Project")).isEqualTo("proj_main_fake");
        assertThat(logs.all()).doesNotContain(MAIN_KEY, TEAM_KEY, GUILD_KEY);
    }

    @Test
    void theLedgerNamesTheKeyThatPaidByItsPlaceAndRedactedFormOnly() throws Exception {
        List<ReportLine> byKey;
        try (Wiring wiring = new Wiring(config())) {
            ask(wiring, TEAM, "team");
            ask(wiring, TEAM, "team again");
            ask(wiring, ELSEWHERE, "elsewhere");
            assertThat(wiring.usage().ledger().awaitFlushed(Duration.ofSeconds(10))).isTrue();
            byKey = wiring.usage().store().report(ReportGrouping.KEY, Instant.EPOCH);
        }

        assertThat(byKey).extracting(ReportLine::group, ReportLine::requests).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("slack:T0TEAMFAKE " + RedactedKey.of(TEAM_KEY).value(), 2L),
                org.assertj.core.groups.Tuple.tuple("main " + RedactedKey.of(MAIN_KEY).value(), 1L));
        assertThat(byKey.toString()).doesNotContain(MAIN_KEY, TEAM_KEY, TEAM_KEY.substring(8));
    }

    @Test
    void aRejectedWorkspaceKeyIsReportedOnceNamingItsPlaceAndTheMainKeyStillAnswers() throws Exception {
        openAi.acceptOnlyKeys(MAIN_KEY, GUILD_KEY);
        try (Wiring wiring = new Wiring(config())) {
            assertThat(ask(wiring, TEAM, "first")).isInstanceOf(ChatOutcome.Failed.class);
            assertThat(ask(wiring, TEAM, "second")).isInstanceOf(ChatOutcome.Failed.class);
            assertThat(ask(wiring, ELSEWHERE, "third")).isInstanceOf(ChatOutcome.Answered.class);
        }

        List<String> rejected = logs.lines().stream().filter(line -> line.contains("OpenAI rejected the API key"))
                .toList();
        assertThat(rejected).singleElement().asString().startsWith("ERROR")
                .contains("env OPENAI_KEY_TEAM_FAKE (keys: slack:T0TEAMFAKE)", "set that variable to a valid key");
        assertThat(logs.all()).doesNotContain(MAIN_KEY, TEAM_KEY, GUILD_KEY);
    }

    @Test
    void aWorkspaceKeyFileRewrittenIsUsedForThatWorkspaceWithoutARestart() throws Exception {
        String rotated = "sk-proj-FAKE0000guild000key0000rotated";
        try (Wiring wiring = new Wiring(config())) {
            ask(wiring, GUILD, "before");
            Path moved = Files.writeString(dir.resolve("guild.key.new"), rotated + "\n");
            Files.move(moved, dir.resolve("guild.key"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (!openAi.lastRequest().bearerKey().equals(rotated) && System.nanoTime() < deadline) {
                Thread.sleep(200);
                ask(wiring, GUILD, "after");
            }
        }

        assertThat(openAi.chatRequests().getFirst().bearerKey()).isEqualTo(GUILD_KEY);
        assertThat(openAi.lastRequest().bearerKey()).isEqualTo(rotated);
        assertThat(logs.all()).doesNotContain(rotated, GUILD_KEY);
    }

    @Test
    void checkAsksTheModelListWithEveryConfiguredKeyAndFailsForTheOneRejected() throws Exception {
        openAi.acceptOnlyKeys(MAIN_KEY, TEAM_KEY);

        AskgateRun run = AskgateRun.run(env(), "", "check");

        assertThat(run.status).as(run.toString()).isEqualTo(1);
        assertThat(run.out).contains("ok  OpenAI endpoint", "ok  key of slack:T0TEAMFAKE: OpenAI endpoint",
                "FAIL  key of discord:123456789012345678: OpenAI rejected the key (401): put a valid key in the "
                        + "variable or file that keys.discord:123456789012345678 of ASKGATE_CONFIG names");
        assertThat(openAi.requests()).extracting(RecordedCall::bearerKey)
                .containsExactlyInAnyOrder(MAIN_KEY, GUILD_KEY, TEAM_KEY);
        assertThat(run.out + run.err + logs.all()).doesNotContain(MAIN_KEY, TEAM_KEY, GUILD_KEY);
    }

    private static ChatOutcome ask(Wiring wiring, Caller caller, String question) {
        return wiring.chat().ask(new ChatRequest("req-" + question.replace(' ', '-'), caller, Conversation.empty(),
                question), ReplySink.discarding());
    }

    private AskgateConfig config() throws Exception {
        var loaded = AskgateConfig.load(env());
        assertThat(loaded).isInstanceOf(AskgateConfig.Loaded.Valid.class);
        return ((AskgateConfig.Loaded.Valid) loaded).config();
    }

    private Map<String, String> env() throws Exception {
        Path guildKey = Files.writeString(dir.resolve("guild.key"), GUILD_KEY + "\n");
        Path config = Files.writeString(dir.resolve("askgate.yaml"), """
                keys:
                  slack:T0TEAMFAKE: {env: OPENAI_KEY_TEAM_FAKE, project: proj_team_fake}
                  discord:123456789012345678: {file: %s}
                """.formatted(guildKey));
        Map<String, String> env = new HashMap<>();
        env.put("OPENAI_API_KEY", MAIN_KEY);
        env.put("OPENAI_PROJECT_ID", "proj_main_fake");
        env.put("OPENAI_KEY_TEAM_FAKE", TEAM_KEY);
        env.put("OPENAI_BASE_URL", openAi.baseUrl());
        env.put("ASKGATE_CONFIG", config.toString());
        env.put("ASKGATE_DB_URL", "jdbc:sqlite:" + dir.resolve("usage.db"));
        return env;
    }
}
