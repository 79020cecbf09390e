package dev.askgate.slack;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Refusal;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static dev.askgate.slack.SlackHarness.USER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A direct message is judged by core's admission like Discord's: it counts in the workspace it comes from, so the
 * workspace lists apply to it (the channel lists do not: a DM is no channel of the workspace).
 */
class SlackDirectMessageAccessTest {
    private static final String DM = "D0ALICE001";

    @Test
    void aDirectMessageFromAnAllowedWorkspaceIsAnswered() throws Exception {
        var access = new SlackConfig.AccessLists(Set.of(FakeSlack.TEAM_ID), Set.of(), Set.of("C0ONLYTHIS"), Set.of(),
                Set.of(), Set.of());
        try (SlackHarness h = new SlackHarness(SlackHarness.Mode.SOCKET, Duration.ofMillis(100), access, true)) {
            h.openAi.answerAlways("Allowed here.");

            h.send(h.slack.directMessage(DM, USER, "may I?"), 0);

            h.slack.awaitBotMessage(DM, m -> m.text().equals("Allowed here."));
            assertThat(h.openAi.chatRequests()).hasSize(1);
        }
    }

    @Test
    void aDirectMessageFromADeniedWorkspaceIsRefusedPrivatelyAndNeverReachesTheModel() throws Exception {
        var access = new SlackConfig.AccessLists(Set.of(), Set.of(FakeSlack.TEAM_ID), Set.of(), Set.of(), Set.of(),
                Set.of());
        try (SlackHarness h = new SlackHarness(SlackHarness.Mode.SOCKET, Duration.ofMillis(100), access, true)) {
            h.send(h.slack.directMessage(DM, USER, "and me?"), 0);

            SlackCall note = h.slack.awaitCall("chat.postEphemeral", c -> c.param("user").equals(USER));
            assertThat(note.text()).isEqualTo(h.words(new ChatOutcome.Refused(new Refusal.NotAllowed())));
            assertThat(h.openAi.requestCount()).isZero();
            assertThat(h.slack.calls("chat.postMessage")).isEmpty();
        }
    }
}
