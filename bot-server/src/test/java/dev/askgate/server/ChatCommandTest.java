package dev.askgate.server;

import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code askgate chat} driven through stdin and stdout against a fake OpenAI on a real socket. */
class ChatCommandTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";

    private final FakeOpenAi openAi = new FakeOpenAi();
    private final CapturedLogs logs = new CapturedLogs();

    @AfterEach
    void close() {
        openAi.close();
        logs.close();
    }

    @Test
    void twoQuestionsAreAnsweredAsTheyStreamAndTheSecondCarriesTheFirstTurn() {
        openAi.enqueue(FakeOpenAi.answer("Paris is the capital of France.").streamedInWords().usage(21, 7),
                FakeOpenAi.answer("About two million people live there.").streamedInWords().usage(40, 8));

        AskgateRun run = chat("What is the capital of France?\nHow many people live there?\n");

        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.out).isEqualTo("Paris is the capital of France.\nAbout two million people live there.\n");
        assertThat(run.outFlushes).as("one flush per streamed word").hasSizeGreaterThanOrEqualTo(10);
        assertThat(run.err).contains("usage: 21 prompt (0 cached) + 7 completion tokens")
                .contains("usage: 40 prompt (0 cached) + 8 completion tokens");
        assertThat(openAi.chatRequests()).hasSize(2).allMatch(call -> call.streaming());
        var second = openAi.chatRequests().get(1);
        assertThat(second.messageRoles()).containsExactly("system", "user", "assistant", "user");
        assertThat(second.messageContents()).endsWith("What is the capital of France?",
                "Paris is the capital of France.", "How many people live there?");
        assertNoKeyIn(run);
    }

    @Test
    void theUsageLineShowsReasoningTokensAndSaysWhenTheCountIsAnEstimate() {
        openAi.enqueue(FakeOpenAi.answer("It is 42.").usage(30, 0, 250).usageDetails(0, 240),
                FakeOpenAi.answer("No usage from this server.").withoutUsage());

        AskgateRun run = chat("Think hard: what is the answer?\nAnd now?\n");

        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.err.lines()).contains("usage: 30 prompt (0 cached) + 250 completion tokens (240 reasoning), "
                + "model gpt-6-luna");
        assertThat(run.err.lines()).anyMatch(line -> line.startsWith("usage: ")
                && line.contains(", estimated (the endpoint reported none), model gpt-6-luna"));
    }

    @Test
    void resetStartsANewConversationAndExitStopsReading() {
        AskgateRun run = chat("First question\n/reset\nSecond question\n/exit\nNever asked\n");

        assertThat(run.status).isZero();
        assertThat(openAi.chatRequests()).hasSize(2);
        assertThat(openAi.chatRequests().get(1).messageRoles()).containsExactly("system", "user");
        assertThat(openAi.chatRequests().get(1).messageContents()).last().isEqualTo("Second question");
    }

    @Test
    void aQuestionWithASecretIsRefusedAndReachesNoServer() {
        String secret = "xoxb-FAKE12345-67890123456-abcdefghijklmnopqrstuvwx";

        AskgateRun run = chat("Why does my token " + secret + " fail?\n");

        assertThat(run.status).isZero();
        assertThat(openAi.requestCount()).isZero();
        assertThat(run.out).as("one empty line: no answer, but the lines still match the questions").isEqualTo("\n");
        assertThat(run.err).containsIgnoringCase("revoke").doesNotContain(secret);
        assertThat(logs.all()).doesNotContain(secret);
    }

    @Test
    void aRejectedKeyIsExplainedInWordsWithoutTheKey() {
        openAi.acceptOnlyKeys("sk-proj-FAKE0000some0000other0000key");

        AskgateRun run = chat("Hello?\n");

        assertThat(run.status).isZero();
        assertThat(run.out).isEqualTo("\n");
        assertThat(run.err).containsIgnoringCase("key was rejected");
        assertNoKeyIn(run);
    }

    @Test
    void theOperatorAtTheTerminalIsToldWhatToChangeNotThatAnOperatorWasTold() {
        openAi.acceptOnlyKeys("sk-proj-FAKE0000some0000other0000key");

        AskgateRun run = chat("Hello?\n");

        assertThat(run.err).contains("put a valid key in OPENAI_API_KEY or OPENAI_API_KEY_FILE")
                .doesNotContainIgnoringCase("operator has been told");
        assertNoKeyIn(run);
    }

    @Test
    void inAPipeEachQuestionGetsOneOutputLineEvenWhenItIsRefused() {
        openAi.enqueue(FakeOpenAi.answer("First answer.").streamedInWords(),
                FakeOpenAi.answer("Third answer.").streamedInWords());

        AskgateRun run = chat("First?\nIs sk-proj-FAKE0000other0000key0000here safe to share?\nThird?\n");

        assertThat(run.status).isZero();
        assertThat(run.out.lines()).containsExactly("First answer.", "", "Third answer.");
        assertThat(run.err).containsIgnoringCase("revoke");
        assertThat(openAi.chatRequests()).hasSize(2);
    }

    @Test
    void badConfigurationIsReportedBeforeAnyQuestion() {
        AskgateRun run = AskgateRun.run(Map.of("OPENAI_BASE_URL", openAi.baseUrl()), "Hello?\n", "chat");

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("OPENAI_API_KEY");
        assertThat(openAi.requestCount()).isZero();
    }

    private AskgateRun chat(String stdin) {
        return AskgateRun.run(Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl()), stdin, "chat");
    }

    private void assertNoKeyIn(AskgateRun run) {
        assertThat(run.out + run.err + logs.all()).doesNotContain(KEY);
    }
}
