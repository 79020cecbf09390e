package dev.askgate.server;

import dev.askgate.core.key.KeySpec;
import dev.askgate.core.usage.BudgetLimit;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.Usage;
import dev.askgate.core.usage.ModelPrice;
import dev.askgate.core.usage.PriceTable;
import dev.askgate.core.usage.Usd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The ASKGATE_CONFIG file: the issue's example, the defaults without a file, and every problem at once with its path. */
class SpendConfigFileTest {
    private static final String KEY = "sk-proj-FAKE0000config0000key0000notreal";
    private static final String EXAMPLE = """
            prices:                # USD per 1M tokens
              gpt-6-luna: {input: 0.10, cached_input: 0.01, cache_write: 0.125, output: 0.50}
              my-local-model: {input: 0, output: 0}
            limits:
              user:      {requests_per_minute: 10, concurrent: 2, tokens_per_day: 200000, usd_per_day: 1.00, usd_per_month: 10.00}
              channel:   {usd_per_day: 5.00}
              workspace: {usd_per_day: 20.00, usd_per_month: 300.00}
              global:    {usd_per_day: 50.00, usd_per_month: 500.00}
            admins:
              slack: [U0123ABCD]
              discord: ["123456789012345678", 223456789012345678]
            alerts:
              spike_factor: 4
              min_usd_per_hour: 0.50
              slack_channel: C0ALERTS
            keys:
              slack:T0123ABCD: {env: OPENAI_API_KEY_TEAM_A, project: proj_team_a}
              discord:123456789012345678: {file: /run/secrets/openai-guild}
            """;

    @TempDir
    Path dir;

    @Test
    void withoutAFileEachUserMayHaveTwoQuestionsAnsweredAtOnceAndNoMoneyLimitApplies() {
        SpendConfig spend = valid(Map.of()).spend();

        assertThat(spend.fromFile()).isFalse();
        assertThat(spend.budgets().limits()).containsExactly(new BudgetLimit(BudgetScope.USER, BudgetMetric.CONCURRENT, 2));
        assertThat(spend.budgets().countsMoney()).isFalse();
        assertThat(spend.prices().price("gpt-6.1-terra")).contains(ModelPrice.listed("1.00", "0.05", "5.00"));
    }

    @Test
    void theIssuesExampleIsReadIntoTypedLimitsPricesAdminsAlertsAndKeys() throws IOException {
        Path guildKey = Files.writeString(dir.resolve("openai-guild"), "sk-proj-FAKE0000guild000key0000notreal\n");
        SpendConfig spend = valid(Map.of("ASKGATE_CONFIG", file(EXAMPLE.replace("/run/secrets/openai-guild",
                guildKey.toString())), "OPENAI_API_KEY_TEAM_A", "sk-proj-FAKE0000team0000key0000notreal")).spend();

        assertThat(spend.fromFile()).isTrue();
        assertThat(spend.budgets().limits()).hasSize(10).contains(
                BudgetLimit.usd(BudgetScope.USER, BudgetMetric.USD_PER_DAY, new BigDecimal("1.00")),
                new BudgetLimit(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, 200_000),
                new BudgetLimit(BudgetScope.USER, BudgetMetric.REQUESTS_PER_MINUTE, 10),
                BudgetLimit.usd(BudgetScope.GLOBAL, BudgetMetric.USD_PER_MONTH, new BigDecimal("500")));
        assertThat(spend.budgets().limits().get(0).limit()).isEqualTo(10);
        assertThat(spend.prices().price("gpt-6-luna").orElseThrow().cacheWrite()).isEqualByComparingTo("0.125");
        assertThat(PriceTable.cost(spend.prices().price("my-local-model").orElseThrow(), new Usage(1000, 500, 1000)))
                .as("a free local model").isEqualByComparingTo("0");
        assertThat(spend.admins()).containsExactlyInAnyOrder("slack:U0123ABCD", "discord:123456789012345678",
                "discord:223456789012345678");
        assertThat(spend.alerts()).isEqualTo(new AlertsConfig(new BigDecimal("4"), new BigDecimal("0.5"),
                Optional.of("C0ALERTS"), Optional.empty()));
        assertThat(spend.keys()).containsExactly(
                new WorkspaceKey("slack:T0123ABCD", Optional.of("OPENAI_API_KEY_TEAM_A"), Optional.empty(),
                        Optional.of("proj_team_a")),
                new WorkspaceKey("discord:123456789012345678", Optional.empty(),
                        Optional.of(guildKey), Optional.empty()));
        assertThat(spend.keySources()).extracting(PlaceKey::place, PlaceKey::env, PlaceKey::project).containsExactly(
                org.assertj.core.groups.Tuple.tuple("slack:T0123ABCD", "OPENAI_API_KEY_TEAM_A", "proj_team_a"),
                org.assertj.core.groups.Tuple.tuple("discord:123456789012345678", "", ""));
        assertThat(spend.keySources().get(1).key()).isEqualTo(new KeySpec.FromFile(guildKey));
        assertThat(Usd.fromNanos(spend.budgets().limits().stream()
                .filter(l -> l.scope() == BudgetScope.CHANNEL).findFirst().orElseThrow().limit()))
                .isEqualByComparingTo("5.00");
    }

    @Test
    void unknownKeysAndWrongValuesAreEachOneProblemWithTheKeysPathAllAtOnce() throws IOException {
        String config = file("""
                pricess: {}
                limits:
                  user: {usd_per_dya: 1.00, concurrent: -1}
                  team: {usd_per_day: 1}
                alerts: {spike_factor: 1, email: ops@example.com}
                admins: {slack: U0123ABCD}
                """);

        List<String> problems = invalid(Map.of("ASKGATE_CONFIG", config));

        assertThat(problems).allMatch(line -> line.startsWith("ASKGATE_CONFIG (" + config + "): "));
        assertThat(String.join("\n", problems)).contains(
                "unknown key pricess", "unknown key limits.user.usd_per_dya", "unknown key limits.team",
                "limits.user.concurrent must be a whole number, 1 or more", "unknown key alerts.email",
                "alerts.spike_factor must be above 1", "admins.slack must be a list of user ids");
        assertThat(problems).hasSize(7);
    }

    @Test
    void aUsdLimitForAModelWithoutAPriceIsAProblemNamingTheModelAndTheFix() throws IOException {
        var env = Map.of("ASKGATE_CONFIG", file("limits: {global: {usd_per_day: 50}}"), "OPENAI_MODEL", "llama-local");

        assertThat(invalid(env)).singleElement().asString().endsWith(
                "limits.global.usd_per_day needs a price for the model llama-local (OPENAI_MODEL): "
                        + "set prices.llama-local, 0 for a free local model");
    }

    @Test
    void tokenAndRequestLimitsNeedNoPrice() throws IOException {
        var env = Map.of("ASKGATE_CONFIG", file("limits: {user: {tokens_per_day: 1000, requests_per_minute: 3}}"),
                "OPENAI_MODEL", "llama-local");

        assertThat(valid(env).spend().budgets().limits()).hasSize(2);
    }

    @Test
    void aKeyWrittenIntoTheFileIsRefusedWithoutBeingQuoted() throws IOException {
        String config = file("keys:\n  slack:T1: {env: " + KEY + "}\n  team-a: {env: OPENAI_KEY_A}\n");

        List<String> problems = invalid(Map.of("ASKGATE_CONFIG", config));

        assertThat(String.join("\n", problems)).contains("keys.slack:T1.env looks like an API key itself",
                "keys.team-a: name a Slack team or Discord guild").doesNotContain(KEY, KEY.substring(8));
    }

    @Test
    void aKeyVariableThatIsNotSetAndAKeyFileThatCannotBeReadAreStartUpProblemsNamingThePlace() throws IOException {
        Path missing = dir.resolve("no-such.key");
        String config = file("keys:\n  slack:T1: {env: OPENAI_KEY_NOT_SET}\n  discord:42: {file: " + missing + "}\n");

        List<String> problems = invalid(Map.of("ASKGATE_CONFIG", config));

        assertThat(problems).hasSize(2);
        assertThat(problems.get(0)).contains("keys.slack:T1.env names OPENAI_KEY_NOT_SET, which is not set");
        assertThat(problems.get(1)).contains("keys.discord:42.file cannot be read (" + missing + "): no such file");
        assertThat(String.join("\n", problems)).doesNotContain(KEY, KEY.substring(8));
    }

    @Test
    void aMissingFileAndBrokenYamlAreOneLineEach() throws IOException {
        assertThat(invalid(Map.of("ASKGATE_CONFIG", dir.resolve("nope.yaml").toString()))).singleElement().asString()
                .isEqualTo("ASKGATE_CONFIG cannot be read (" + dir.resolve("nope.yaml") + "): there is no such file");
        assertThat(invalid(Map.of("ASKGATE_CONFIG", file("limits: {user: [")))).singleElement().asString()
                .contains("is not valid YAML at line");
    }

    private String file(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "askgate", ".yaml");
        Files.writeString(file, yaml);
        return file.toString();
    }

    private static AskgateConfig valid(Map<String, String> variables) {
        var loaded = AskgateConfig.load(withKey(variables));
        assertThat(loaded).isInstanceOf(AskgateConfig.Loaded.Valid.class);
        return ((AskgateConfig.Loaded.Valid) loaded).config();
    }

    private static List<String> invalid(Map<String, String> variables) {
        var loaded = AskgateConfig.load(withKey(variables));
        assertThat(loaded).isInstanceOf(AskgateConfig.Loaded.Invalid.class);
        return ((AskgateConfig.Loaded.Invalid) loaded).problems();
    }

    private static Map<String, String> withKey(Map<String, String> variables) {
        var env = new HashMap<>(variables);
        env.put("OPENAI_API_KEY", KEY);
        return env;
    }
}
