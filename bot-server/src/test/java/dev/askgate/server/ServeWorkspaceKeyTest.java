package dev.askgate.server;

import dev.askgate.core.usage.RedactedKey;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.openai.RecordedCall;
import dev.askgate.testkit.slack.FakeSlack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.askgate.server.ServeProcess.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code keys:} end to end: {@code askgate serve} in its own process with FakeSlack's team mapped to its own key. A
 * Slack question is sent with the team's key and project, and {@code askgate usage --by key} shows that key paid.
 */
class ServeWorkspaceKeyTest {
    private static final String MAIN_KEY = "sk-proj-FAKE0000main0000key0000notreal";
    private static final String TEAM_KEY = "sk-proj-FAKE0000team0000key0000notreal";
    private static final String BOT_TOKEN = "xoxb-FAKE-0000-not-a-real-token";
    private static final String APP_TOKEN = "xapp-FAKE-0000-not-a-real-token";

    private final FakeOpenAi openAi = new FakeOpenAi().answerAlways("Revert it with git revert.");
    private ServeProcess serve;

    @AfterEach
    void close() {
        if (serve != null) serve.close();
        openAi.close();
    }

    @Test
    void aSlackQuestionFromTheMappedTeamIsPaidByTheTeamsKeyAndTheUsageReportSaysSo(@TempDir Path dir)
            throws Exception {
        String config = Files.writeString(dir.resolve("askgate.yaml"), "keys:\n  slack:" + FakeSlack.TEAM_ID
                + ": {env: OPENAI_KEY_TEAM_FAKE, project: proj_team_fake}\n").toString();
        String store = "jdbc:sqlite:" + dir.resolve("usage.db");
        try (FakeSlack slack = new FakeSlack(BOT_TOKEN, APP_TOKEN)) {
            serve = ServeProcess.start(Askgate.class, Map.of("OPENAI_API_KEY", MAIN_KEY,
                    "OPENAI_KEY_TEAM_FAKE", TEAM_KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                    "SLACK_BOT_TOKEN", BOT_TOKEN, "SLACK_APP_TOKEN", APP_TOKEN, "SLACK_API_URL", slack.apiUrl(),
                    "ASKGATE_CONFIG", config, "ASKGATE_DB_URL", store), dir);
            serve.awaitStatus("/readyz", 200);

            slack.socketMode().awaitAck(slack.deliver(
                    slack.slashCommand("/ask", "C0FAKE0001", "U0FAKEUSR1", "how do I undo a pushed commit?")), WAIT);
            openAi.awaitRequests(2, WAIT);
            // Whether streamed (the default) or posted, the answer is a bot message in the channel.
            slack.awaitBotMessage("C0FAKE0001", message -> message.text().contains("git revert"));
            assertThat(serve.terminate()).isZero();
        }

        RecordedCall chat = openAi.chatRequests().getFirst();
        assertThat(chat.bearerKey()).isEqualTo(TEAM_KEY);
        assertThat(chat.header("OpenAI-Project")).isEqualTo("proj_team_fake");
        assertThat(openAi.requests()).filteredOn(call -> !call.isChatCompletion()).extracting(RecordedCall::bearerKey)
                .as("the readiness check lists the models with the main key").contains(MAIN_KEY);
        AskgateRun usage = AskgateRun.run(Map.of("ASKGATE_DB_URL", store), "", "usage", "--by", "key");
        assertThat(usage.status).as(usage.toString()).isZero();
        assertThat(usage.out).contains("slack:" + FakeSlack.TEAM_ID + " " + RedactedKey.of(TEAM_KEY).value())
                .doesNotContain("main ");
        assertThat(serve.log() + usage.out + usage.err).doesNotContain(MAIN_KEY, TEAM_KEY)
                .contains("1 workspace(s) pay with their own key: [slack:" + FakeSlack.TEAM_ID + "]");
    }
}
