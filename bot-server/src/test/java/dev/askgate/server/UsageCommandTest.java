package dev.askgate.server;

import dev.askgate.core.Usage;
import dev.askgate.core.usage.BudgetCharge;
import dev.askgate.core.usage.BudgetLimit;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.Platform;
import dev.askgate.core.usage.AnswerFeedback;
import dev.askgate.core.usage.LedgerRow;
import dev.askgate.core.usage.RedactedKey;
import dev.askgate.core.usage.ReservationRequest;
import dev.askgate.core.usage.ReserveResult;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.store.UsageStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code askgate usage}: reports from a real SQLite file in all three formats, and a user's budget reset. */
class UsageCommandTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";
    private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
    private static final String SLACK_USER = "slack:U0123ABCD";

    @TempDir
    Path dir;
    private StoreConfig config;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void ledger() {
        config = new StoreConfig("jdbc:sqlite:" + dir.resolve("askgate.db"), "", Optional.empty(), java.time.Duration.ofDays(400));
        try (UsageStore store = open(config)) {
            store.record(row("2026-11-28T09:00:00Z", "slack", "T0FAKE", "C0FAKE", "U0123ABCD", "gpt-6-luna",
                    new Usage(1200, 200, 0, 300, 50, false), "0.000250"));
            store.record(row("2026-12-01T10:00:00Z", "slack", "T0FAKE", "C0FAKE", "U0123ABCD", "gpt-6-luna",
                    new Usage(100, 0, 0, 20, 0, true), "0.000020"));
            store.record(row("2026-12-02T11:00:00Z", "discord", "G1", "C2", "123456789012345678", "gpt-6.1-sol",
                    new Usage(10, 0, 0, 5, 0, false), "0.000070"));
        }
    }

    @AfterEach
    void noSecretPrinted() {
        assertThat(text(out) + text(err)).doesNotContain(KEY).doesNotContain("0000notreal");
    }

    @Test
    void theTableIsAlignedForATerminalWithATotalAndSaysWhenTheLedgerStartsLaterThanThePeriod() {
        int status = run("--since", "7d", "--by", "user");

        assertThat(status).isZero();
        assertThat(text(out)).isEqualTo("""
                Usage since 2026-11-25T12:00:00Z by user (UTC)
                user                        requests  prompt  cached  cache_write  completion  reasoning  cost_usd  estimated
                slack:U0123ABCD                    2    1300     200            0         320         50  0.000270          1
                discord:123456789012345678         1      10       0            0           5          0  0.000070          0
                total                              3    1310     200            0         325         50  0.000340          1
                note: the ledger starts at 2026-11-28T09:00:00Z, after 2026-11-25T12:00:00Z: this report is cut \
                (older rows were pruned after ASKGATE_LEDGER_RETENTION_DAYS, or never recorded)
                """);
        assertThat(text(err)).isEmpty();
    }

    @Test
    void csvHasAHeaderRowAndKeepsTheCutNoteOutOfTheDocument() {
        int status = run("--since", "2026-11-01", "--by", "user", "--format", "csv");

        assertThat(status).isZero();
        assertThat(text(out)).isEqualTo("""
                user,requests,prompt_tokens,cached_tokens,cache_write_tokens,completion_tokens,reasoning_tokens,\
                cost_usd,estimated_requests
                slack:U0123ABCD,2,1300,200,0,320,50,0.000270,1
                discord:123456789012345678,1,10,0,0,5,0,0.000070,0
                """);
        assertThat(text(err)).startsWith("note: the ledger starts at 2026-11-28T09:00:00Z, after 2026-11-01T00:00:00Z");
    }

    @Test
    void jsonCarriesThePeriodWhetherItIsCutAndOneObjectPerGroup() {
        int status = run("--since", "2d", "--by", "model", "--format", "json");

        assertThat(status).isZero();
        assertThat(text(out)).isEqualTo("""
                {
                  "since" : "2026-11-30T12:00:00Z",
                  "by" : "model",
                  "oldest_row" : "2026-11-28T09:00:00Z",
                  "cut" : false,
                  "lines" : [ {
                    "group" : "gpt-6.1-sol",
                    "requests" : 1,
                    "prompt_tokens" : 10,
                    "cached_tokens" : 0,
                    "cache_write_tokens" : 0,
                    "completion_tokens" : 5,
                    "reasoning_tokens" : 0,
                    "cost_usd" : 0.000070,
                    "estimated_requests" : 0
                  }, {
                    "group" : "gpt-6-luna",
                    "requests" : 1,
                    "prompt_tokens" : 100,
                    "cached_tokens" : 0,
                    "cache_write_tokens" : 0,
                    "completion_tokens" : 20,
                    "reasoning_tokens" : 0,
                    "cost_usd" : 0.000020,
                    "estimated_requests" : 1
                  } ]
                }
                """);
        assertThat(text(err)).isEmpty();
    }

    @Test
    void byKeyNamesTheKeyOnlyByItsConfiguredNameAndRedactedForm() {
        int status = run("--by", "key", "--format", "csv");

        assertThat(status).isZero();
        assertThat(text(out)).endsWith("\nmain sk-…real,3,1310,200,0,325,50,0.000340,1\n");
    }

    @Test
    void theTableEndsWithEachModelsVotesOnAnswersCountingEachPersonsLatestVoteOnce() {
        try (UsageStore store = open(config)) {
            store.record(new LedgerRow(Instant.parse("2026-12-02T10:00:00Z"), "slack", "T0FAKE", "C0FAKE", "U0123ABCD",
                    "gpt-6-luna", new Usage(10, 0, 5), new BigDecimal("0.000001"), "answered", Duration.ofMillis(700),
                    "req-FAKE", "main", RedactedKey.of(KEY), "a1b2c3d4e5f6"));
            store.recordFeedback(vote("2026-12-02T10:01:00Z", "U0BOB00002", "a1b2c3d4e5f6", AnswerFeedback.Vote.UP));
            store.recordFeedback(vote("2026-12-02T10:02:00Z", "U0BOB00002", "a1b2c3d4e5f6", AnswerFeedback.Vote.DOWN));
            store.recordFeedback(vote("2026-12-02T10:03:00Z", "U0ANN00003", "a1b2c3d4e5f6", AnswerFeedback.Vote.UP));
            store.recordFeedback(vote("2026-12-02T10:04:00Z", "U0ANN00003", "b1b2c3d4e5f6", AnswerFeedback.Vote.UP));
        }

        assertThat(run("--since", "24h", "--by", "model")).isZero();

        assertThat(text(out)).endsWith("""

                Answer feedback (👍 up / 👎 down) since 2026-12-01T12:00:00Z by model (UTC)
                model            up  down
                gpt-6-luna        1     1
                (no ledger row)   1     0
                """);
        out.reset();
        assertThat(run("--since", "24h", "--format", "csv")).isZero();
        assertThat(text(out)).doesNotContain("feedback");
    }

    private static AnswerFeedback vote(String at, String user, String requestId, AnswerFeedback.Vote vote) {
        return new AnswerFeedback(Instant.parse(at), Platform.SLACK, "T0FAKE", "C0FAKE", "1700000000.000100", user,
                requestId, vote);
    }

    @Test
    void aWrongOptionIsExitTwoWithTheCommandsUsage() {
        assertThat(run("--by", "team")).isEqualTo(2);
        assertThat(text(err)).startsWith("askgate usage: --by takes user, channel, workspace, model or key\n")
                .contains(UsageCommand.HELP);
        assertThat(text(out)).isEmpty();
    }

    @Test
    void resetClearsTheUsersSpendForTodayAndThisMonthAndIsLogged() {
        Instant now = Instant.now();
        BudgetLimit perDay = BudgetLimit.usd(BudgetScope.USER, BudgetMetric.USD_PER_DAY, new BigDecimal("1.00"));
        BudgetLimit perMonth = BudgetLimit.usd(BudgetScope.USER, BudgetMetric.USD_PER_MONTH, new BigDecimal("10.00"));
        try (UsageStore store = open(config)) {
            store.record(row(now.toString(), "slack", "T0FAKE", "C0FAKE", "U0123ABCD", "gpt-6-luna",
                    new Usage(10, 0, 5), "0.500000"));
            var reserved = (ReserveResult.Reserved) store.reserve(new ReservationRequest(List.of(
                    new BudgetCharge(perDay, SLACK_USER, 600_000_000L),
                    new BudgetCharge(perMonth, SLACK_USER, 600_000_000L)), Duration.ofMinutes(5)));
            store.settle(reserved.id(), new Usage(10, 0, 5), new BigDecimal("0.500000"));
            assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, SLACK_USER)).isEqualTo(500_000_000L);
        }
        int status;
        try (var logs = new CapturedLogs()) {
            status = new UsageCommand(config, UsageCommandTest::open, Clock.systemUTC(), print(out), print(err))
                    .run(List.of("reset", "--user", "slack:U0123ABCD"));
            assertThat(logs.lines()).anyMatch(line -> line.contains("usage reset: the spend of user " + SLACK_USER
                    + " for the current UTC day and month was cleared by the operator"));
        }

        assertThat(status).isZero();
        assertThat(text(out)).isEqualTo("reset " + SLACK_USER + ": its spend for today and this month (UTC) is cleared\n");
        try (UsageStore store = open(config)) {
            assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, SLACK_USER)).isZero();
            assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_MONTH, SLACK_USER)).isZero();
        }
    }

    @Test
    void aPersonsChannelAndDirectMessageSpendIsOneLineAndTheFormWithAWorkspaceResetsThatPerson() {
        Instant now = Instant.now();
        BudgetLimit perDay = BudgetLimit.usd(BudgetScope.USER, BudgetMetric.USD_PER_DAY, new BigDecimal("1.00"));
        try (UsageStore store = open(config)) {
            store.record(row(now.toString(), "slack", "T0FAKE", "C0FAKE", "U0123ABCD", "gpt-6-luna",
                    new Usage(10, 0, 5), "0.100000"));
            store.record(row(now.toString(), "slack", "", "D0FAKE", "U0123ABCD", "gpt-6-luna",
                    new Usage(10, 0, 5), "0.200000"));
            var reserved = (ReserveResult.Reserved) store.reserve(new ReservationRequest(List.of(
                    new BudgetCharge(perDay, SLACK_USER, 300_000_000L)), Duration.ofMinutes(5)));
            store.settle(reserved.id(), new Usage(20, 0, 10), new BigDecimal("0.300000"));
        }

        assertThat(run("--since", "2026-11-01", "--by", "user", "--format", "csv")).isZero();
        assertThat(text(out).lines().filter(line -> line.startsWith("slack:"))).as("the channel's and the DM's rows")
                .singleElement().satisfies(line -> assertThat(line).startsWith("slack:U0123ABCD,4,"));
        out.reset();
        int status = new UsageCommand(config, UsageCommandTest::open, Clock.systemUTC(), print(out), print(err))
                .run(List.of("reset", "--user", "slack:T0FAKE:U0123ABCD"));

        assertThat(status).isZero();
        assertThat(text(out)).isEqualTo("reset " + SLACK_USER + ": its spend for today and this month (UTC) is cleared\n");
        try (UsageStore store = open(config)) {
            assertThat(store.used(BudgetScope.USER, BudgetMetric.USD_PER_DAY, SLACK_USER)).isZero();
        }
    }

    @Test
    void theLauncherRunsTheReportFromAskgateDbUrlWithoutAnOpenAiKey() {
        AskgateRun run = AskgateRun.run(Map.of("ASKGATE_DB_URL", config.url()), "", "usage", "--by", "workspace",
                "--format", "csv", "--since", "2026-11-01");

        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.out).isEqualTo("""
                workspace,requests,prompt_tokens,cached_tokens,cache_write_tokens,completion_tokens,reasoning_tokens,\
                cost_usd,estimated_requests
                slack:T0FAKE,2,1300,200,0,320,50,0.000270,1
                discord:G1,1,10,0,0,5,0,0.000070,0
                """);
    }

    @Test
    void helpListsTheUsageCommandAndItsOptions() {
        AskgateRun help = AskgateRun.run(Map.of(), "", "help");

        assertThat(help.out).contains("usage        report spend from the usage store: usage [--since 7d]")
                .contains("usage reset --user slack:U0123ABCD");
    }

    @Test
    void anUnreachableStoreIsOneLineWithoutItsPassword() {
        AskgateRun run = AskgateRun.run(Map.of("ASKGATE_DB_URL", "jdbc:postgresql://127.0.0.1:1/none",
                "ASKGATE_DB_USER", "askgate", "ASKGATE_DB_PASSWORD", "FAKE-db-password"), "", "usage");

        assertThat(run.status).as(run.toString()).isEqualTo(1);
        assertThat(run.err).startsWith("askgate usage: ").doesNotContain("FAKE-db-password");
        assertThat(run.err.lines().count()).isOne();
    }

    private int run(String... args) {
        return new UsageCommand(config, UsageCommandTest::open, NOW, print(out), print(err)).run(List.of(args));
    }

    private static UsageStore open(StoreConfig config) {
        return UsageStores.open(config.url(), config.user(), config.passwordValue());
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }

    private static String text(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static LedgerRow row(String at, String platform, String workspace, String channel, String user,
                                 String model, Usage usage, String cost) {
        return new LedgerRow(Instant.parse(at), platform, workspace, channel, user, model, usage, new BigDecimal(cost),
                "answered", Duration.ofMillis(700), "req-FAKE", "main", RedactedKey.of(KEY));
    }
}
