package dev.askgate.discord;

import dev.askgate.testkit.discord.SentMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.askgate.discord.DiscordHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** A question with a secret in it is sent nowhere, quoted nowhere, and its author is told privately. */
class SecretHandlingTest {
    static final String SLACK_TOKEN = "xoxb-FAKE-1234567890-notarealtoken00";
    final DiscordHarness h = new DiscordHarness();

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void theAuthorIsToldByDirectMessageAndNothingIsSaidInTheChannel() throws Exception {
        h.start();

        h.discord.mention(h.discord.alice(), h.discord.channelId(), "why does " + SLACK_TOKEN + " fail?");

        SentMessage notice = h.discord.awaitMessageIn(h.discord.dmChannelOf(h.discord.alice()), WAIT);
        assertThat(notice.text()).contains("a Slack token").contains("revoke").doesNotContain(SLACK_TOKEN);
        h.discord.mention(h.discord.alice(), h.discord.channelId(), ""); // a marker: events arrive in order
        assertThat(h.discord.awaitMessageIn(h.discord.channelId(), WAIT).text()).contains("/ask");
        assertThat(h.discord.messagesIn(h.discord.channelId())).hasSize(1);
        assertThat(h.discord.deletedMessageIds()).isEmpty();
        assertThat(h.openai.requestCount()).isZero();
    }

    @Test
    void withDeleteSecretsTheMessageIsDeleted() throws Exception {
        h.start(Map.of("DISCORD_DELETE_SECRETS", "true"));

        String question = h.discord.mention(h.discord.alice(), h.discord.channelId(), "token: " + SLACK_TOKEN);

        SentMessage notice = h.discord.awaitMessageIn(h.discord.dmChannelOf(h.discord.alice()), WAIT);
        assertThat(notice.text()).contains("revoke").contains("deleted your message").doesNotContain(SLACK_TOKEN);
        assertThat(h.discord.deletedMessageIds()).containsExactly(question);
    }

    @Test
    void withoutManageMessagesTheMessageStaysAndTheNoticeSaysNothingOfDeleting() throws Exception {
        h.discord.botMayManageMessages(false);
        h.start(Map.of("DISCORD_DELETE_SECRETS", "true"));

        h.discord.mention(h.discord.alice(), h.discord.channelId(), "token: " + SLACK_TOKEN);

        SentMessage notice = h.discord.awaitMessageIn(h.discord.dmChannelOf(h.discord.alice()), WAIT);
        assertThat(notice.text()).contains("revoke").doesNotContain("deleted");
        assertThat(h.discord.calls("DELETE", ".*")).isEmpty();
    }

    @Test
    void whenDirectMessagesAreClosedAShortReplyWithoutTheSecretGoesToTheChannel() throws Exception {
        h.start();
        h.discord.failNext("POST", "channels/" + h.discord.dmChannelOf(h.discord.alice()) + "/messages", 1, 403,
                50007, "Cannot send messages to this user");

        String question = h.discord.mention(h.discord.alice(), h.discord.channelId(), "is " + SLACK_TOKEN + " ok?");

        SentMessage reply = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        assertThat(reply.replyToId()).isEqualTo(question);
        assertThat(reply.text()).contains("revoke").doesNotContain(SLACK_TOKEN);
        assertThat(h.openai.requestCount()).isZero();
    }

    @Test
    void askWithASecretIsAnsweredPrivatelyWithTheNoticeOnlyAndNeverReachesTheModel() throws Exception {
        h.start();

        String token = h.discord.slashCommand(h.discord.alice(), h.discord.channelId(), "ask",
                Map.of("question", "what about " + SLACK_TOKEN + "?"));

        SentMessage original = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        String text = h.discord.awaitText(original, t -> t.contains("revoke"), WAIT);
        assertThat(original.interactionToken()).isEqualTo(token);
        assertThat(original.bodies().getFirst().path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        assertThat(text).doesNotContain(SLACK_TOKEN);
        assertThat(h.openai.requestCount()).isZero();
    }
}
