package dev.askgate.server;

import dev.askgate.testkit.openai.FakeModel;
import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code askgate check} against a fake OpenAI on a real socket. */
class CheckCommandTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";

    private final FakeOpenAi openAi = new FakeOpenAi();
    private final CapturedLogs logs = new CapturedLogs();

    @AfterEach
    void close() {
        openAi.close();
        logs.close();
    }

    @Test
    void aHealthyEndpointPassesEveryCheck() {
        AskgateRun run = check(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl()));

        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.out).startsWith("ok  configuration\n")
                .contains("ok  OpenAI endpoint " + openAi.baseUrl() + " reachable, key accepted; model gpt-6-luna available")
                .contains("info  chat platforms: none configured");
        assertThat(openAi.requests()).singleElement().satisfies(call -> {
            assertThat(call.method()).isEqualTo("GET");
            assertThat(call.path()).isEqualTo("/v1/models");
            assertThat(call.bearerKey()).isEqualTo(KEY);
        });
        assertThat(run.out + run.err + logs.all()).doesNotContain(KEY);
    }

    @Test
    void aRejectedKeyFailsWithTheFixAndExitStatusOne() {
        openAi.acceptOnlyKeys("sk-proj-FAKE0000some0000other0000key");

        AskgateRun run = check(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl()));

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out).contains("ok  configuration")
                .contains("FAIL  OpenAI rejected the key (401): put a valid key in OPENAI_API_KEY or OPENAI_API_KEY_FILE");
        assertThat(run.out + run.err + logs.all()).doesNotContain(KEY);
    }

    @Test
    void aModelTheKeyCannotUseFailsNamingTheVariableToChange() {
        AskgateRun run = check(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                "OPENAI_MODEL", "gpt-9-imaginary"));

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out).contains("FAIL  model gpt-9-imaginary is not available on this endpoint (retired or "
                + "misspelled): set OPENAI_MODEL to a current model the key can use");
    }

    @Test
    void aModelWithANullShutdownDateIsSimplyOk() {
        openAi.models(FakeModel.withoutShutdown("gpt-6-luna"));

        AskgateRun run = check(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl()));

        assertThat(run.status).isZero();
        assertThat(run.out).contains("ok  OpenAI endpoint").doesNotContain("shut").doesNotContain("WARN");
    }

    @Test
    void aShutdownDateAheadWarnsWithTheDateAndTheDaysLeftButPasses() {
        LocalDate inTenDays = LocalDate.now(ZoneOffset.UTC).plusDays(10);
        openAi.models(FakeModel.shutsDownOn("gpt-6-luna", inTenDays));

        AskgateRun run = check(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl()));

        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.out.lines()).contains("WARN  model gpt-6-luna shuts down on " + inTenDays
                + " (10 days left, the endpoint's shutdown_date): set OPENAI_MODEL to a current model before then");
    }

    @Test
    void aShutdownDateThatHasPassedFails() {
        openAi.models(FakeModel.shutsDownOn("gpt-6-luna", LocalDate.of(2026, 1, 15)));

        AskgateRun run = check(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl()));

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out.lines()).contains("FAIL  model gpt-6-luna was shut down on 2026-01-15 (the endpoint's "
                + "shutdown_date): set OPENAI_MODEL to a current model");
    }

    @Test
    void anEndpointThatListsNoShutdownDatesSaysNothingAboutDates() {
        openAi.models("gpt-6-luna", "llama-3-70b"); // as vLLM, Ollama or LiteLLM list them

        AskgateRun run = check(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl()));

        assertThat(run.status).isZero();
        assertThat(run.out).contains("ok  OpenAI endpoint").doesNotContain("shut").doesNotContain("date");
    }

    @Test
    void anUnlistedModelFailsEvenWhenOthersHaveDates() {
        openAi.models(FakeModel.shutsDownOn("gpt-4.1-mini", LocalDate.of(2027, 1, 14)),
                FakeModel.withoutShutdown("gpt-6.1-terra"));

        AskgateRun run = check(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl()));

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out).contains("FAIL  model gpt-6-luna is not available on this endpoint");
    }

    @Test
    void anUnreachableEndpointFailsNamingTheVariableToCheck() {
        String baseUrl = openAi.baseUrl();
        openAi.close();

        AskgateRun run = check(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", baseUrl, "OPENAI_MAX_RETRIES", "0"));

        assertThat(run.status).isEqualTo(1);
        assertThat(run.out).contains("FAIL  cannot reach " + baseUrl).contains("OPENAI_BASE_URL");
    }

    @Test
    void badConfigurationIsOneFailLinePerProblemAndExitStatusTwo() {
        AskgateRun run = check(Map.of("OPENAI_API_KEY", KEY, "OPENAI_API_KEY_FILE", "/run/secrets/openai",
                "ASKGATE_PORT", "eighty"));

        assertThat(run.status).isEqualTo(2);
        assertThat(run.out.lines()).contains(
                "FAIL  OPENAI_API_KEY and OPENAI_API_KEY_FILE are both set: set only one of them");
        assertThat(run.out.lines()).anyMatch(line -> line.startsWith("FAIL  ASKGATE_PORT must be"));
        assertThat(run.out).doesNotContain("ok  configuration").doesNotContain(KEY);
        assertThat(openAi.requestCount()).isZero();
    }

    private AskgateRun check(Map<String, String> env) {
        return AskgateRun.run(env, "", "check");
    }
}
