package dev.askgate.server;

import dev.askgate.testkit.discord.FakeDiscord;
import dev.askgate.testkit.discord.SentMessage;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.askgate.server.ServeProcess.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A budget refusal end to end: {@code askgate serve} in its own process with an ASKGATE_CONFIG whose daily dollars
 * cannot cover one question's worst case. The asker is told in words which limit and when it resets (in Slack only
 * to the asker), and the model never sees the question.
 */
class ServeBudgetTest {
    private static final String KEY = "sk-proj-FAKE0000budget0000key0000notreal";
    private static final String BOT_TOKEN = "xoxb-FAKE-0000-not-a-real-token";
    private static final String APP_TOKEN = "xapp-FAKE-0000-not-a-real-token";
    private static final String DISCORD_TOKEN = "FAKE0discord0token0notreal.FAKE00.FAKE0000notreal0000000000000";
    private static final String REFUSAL = "You have used your $0.001 for today; it resets at 00:00 UTC.";

    private final FakeOpenAi openAi = new FakeOpenAi();
    private ServeProcess serve;

    @AfterEach
    void close() {
        if (serve != null) serve.close();
        openAi.close();
    }

    @Test
    void aSlackAskOverTheUsersDailyDollarsIsRefusedOnlyToTheAskerAndNeverReachesTheModel(@TempDir Path dir)
            throws Exception {
        openAi.answerAlways("never asked");
        try (FakeSlack slack = new FakeSlack(BOT_TOKEN, APP_TOKEN)) {
            serve = ServeProcess.start(Askgate.class, Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                    "SLACK_BOT_TOKEN", BOT_TOKEN, "SLACK_APP_TOKEN", APP_TOKEN, "SLACK_API_URL", slack.apiUrl(),
                    "ASKGATE_CONFIG", tinyBudget(dir)), dir);
            serve.awaitStatus("/readyz", 200);

            slack.socketMode().awaitAck(slack.deliver(
                    slack.slashCommand("/ask", "C0FAKE0001", "U0FAKEUSR1", "how do I undo a pushed commit?")), WAIT);

            SlackCall refusal = slack.await(() -> slack.calls().stream()
                    .filter(call -> call.text().contains(REFUSAL)).findFirst(), WAIT, "the refusal");
            assertThat(refusal.method().equals("chat.postEphemeral")
                    || "ephemeral".equals(refusal.param("response_type"))).as(refusal.toString()).isTrue();
            assertThat(slack.messages()).noneMatch(message -> message.text().contains(REFUSAL));
            assertThat(openAi.chatRequests()).isEmpty();
            assertThat(serve.terminate()).isZero();
        }
    }

    @Test
    void aPersonsDirectMessageCountsAgainstTheSameUserLimitAsTheirQuestionInAChannel(@TempDir Path dir)
            throws Exception {
        openAi.answerAlways("Revert it with git revert.").holdChatRequests();
        String oneAtATime = Files.writeString(dir.resolve("askgate.yaml"), "limits:\n  user: {concurrent: 1}\n")
                .toString();
        try (FakeSlack slack = new FakeSlack(BOT_TOKEN, APP_TOKEN)) {
            serve = ServeProcess.start(Askgate.class, Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                    "SLACK_BOT_TOKEN", BOT_TOKEN, "SLACK_APP_TOKEN", APP_TOKEN, "SLACK_API_URL", slack.apiUrl(),
                    "ASKGATE_CONFIG", oneAtATime), dir);
            serve.awaitStatus("/readyz", 200);

            slack.socketMode().awaitAck(slack.deliver(
                    slack.slashCommand("/ask", "C0FAKE0001", "U0FAKEUSR1", "how do I undo a pushed commit?")), WAIT);
            openAi.awaitRequests(1, WAIT);
            slack.deliver(slack.directMessage("D0FAKE0001", "U0FAKEUSR1", "and a local one?"), 0);

            String busy = "You already have 1 question being answered; ask again when one of them is done.";
            SlackCall refusal = slack.await(() -> slack.calls().stream()
                    .filter(call -> call.text().contains(busy)).findFirst(), WAIT, "the DM's refusal");
            assertThat(refusal.param("channel")).as(refusal.toString()).isEqualTo("D0FAKE0001");
            openAi.releaseChatRequests();
            slack.await(() -> slack.messages().stream().filter(message -> message.text().contains("git revert"))
                    .findFirst(), WAIT, "the channel's answer");
            assertThat(openAi.chatRequests()).as("the DM never reached the model").hasSize(1);
            assertThat(serve.terminate()).isZero();
        }
    }

    @Test
    void aDiscordMentionOverTheUsersDailyDollarsIsAnsweredWithTheLimitAndItsResetAndNeverReachesTheModel(
            @TempDir Path dir) throws Exception {
        openAi.answerAlways("never asked");
        try (FakeDiscord discord = new FakeDiscord(DISCORD_TOKEN)) {
            serve = ServeProcess.start(Askgate.class, Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                    "DISCORD_BOT_TOKEN", DISCORD_TOKEN, "DISCORD_API_URL", discord.apiUrl(),
                    "DISCORD_GATEWAY_URL", discord.gatewayUrl(), "DISCORD_COMPRESSION", "none",
                    "ASKGATE_CONFIG", tinyBudget(dir)), dir);
            serve.awaitStatus("/readyz", 200);

            String question = discord.mention(discord.alice(), discord.channelId(), "when do deploys go out?");

            SentMessage reply = discord.awaitMessageIn(discord.channelId(), WAIT);
            assertThat(discord.awaitText(reply, text -> text.endsWith(REFUSAL), WAIT)).isNotNull();
            assertThat(reply.replyToId()).isEqualTo(question);
            assertThat(openAi.chatRequests()).isEmpty();
            assertThat(serve.terminate()).isZero();
        }
    }

    private static String tinyBudget(Path dir) throws Exception {
        return Files.writeString(dir.resolve("askgate.yaml"), "limits:\n  user: {usd_per_day: 0.001}\n").toString();
    }
}
