package dev.askgate.slack;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackFault;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Slack's native streaming and status calls through Bolt's real client against the fake, over a real socket. */
class SlackStreamCallsTest {
    private final FakeSlack fake = new FakeSlack(SlackHarness.BOT_TOKEN, SlackHarness.APP_TOKEN);
    private final SlackStreamCalls calls = new SlackStreamCalls(client(fake), SlackHarness.BOT_TOKEN,
            new WebApiRetry(Duration.ofMillis(20)));

    @AfterEach
    void close() {
        fake.close();
    }

    private static Slack client(FakeSlack fake) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(fake.apiUrl());
        config.setStatsEnabled(false);
        SlackHttpClient http = new SlackHttpClient(new OkHttpClient.Builder().retryOnConnectionFailure(false).build());
        http.setConfig(config);
        return Slack.getInstance(config, http);
    }

    @Test
    void aChannelStreamIsOpenedForItsRecipientAppendedAndStoppedWithItsBlocks() {
        String root = fake.userMessage("C0CHAN", "U0ASKER", "question", "");
        var start = calls.start("C0CHAN", root, "U0ASKER", FakeSlack.TEAM_ID, "Hel");
        String ts = ((SlackStreamCalls.Start.Started) start).ts();
        calls.append("C0CHAN", ts, "lo");
        calls.stop("C0CHAN", ts, "!", "[{\"type\":\"context_actions\",\"elements\":[{\"type\":\"feedback_buttons\","
                + "\"action_id\":\"askgate_feedback\",\"positive_button\":{\"text\":{\"type\":\"plain_text\",\"text\":\"Good\"},"
                + "\"value\":\"good\"},\"negative_button\":{\"text\":{\"type\":\"plain_text\",\"text\":\"Bad\"},\"value\":\"bad\"}}]}]");
        var stream = fake.stream("C0CHAN", ts).orElseThrow();
        assertThat(stream.text()).isEqualTo("Hello!");
        assertThat(stream.recipientUserId()).isEqualTo("U0ASKER");
        assertThat(stream.recipientTeamId()).isEqualTo(FakeSlack.TEAM_ID);
        assertThat(stream.stopped()).isTrue();
        assertThat(stream.feedbackButtons()).isPresent();
    }

    @Test
    void aDirectMessageStreamIsOpenedWithoutRecipients() {
        String root = fake.userMessage("D0DIRECT", "U0ASKER", "question", "");
        var start = calls.start("D0DIRECT", root, "U0ASKER", FakeSlack.TEAM_ID, "");
        assertThat(start).isInstanceOf(SlackStreamCalls.Start.Started.class);
        assertThat(fake.calls("chat.startStream").getFirst().params()).doesNotContainKeys("recipient_user_id", "markdown_text");
    }

    @Test
    void aRefusedOrRateLimitedStartIsAnsweredAtOnceWithoutASecondTry() {
        String root = fake.userMessage("C0CHAN", "U0ASKER", "question", "");
        fake.rateLimitNext("chat.startStream", 30);
        assertThat(calls.start("C0CHAN", root, "U0ASKER", FakeSlack.TEAM_ID, ""))
                .isEqualTo(new SlackStreamCalls.Start.Refused("ratelimited"));
        fake.streamingUnavailable("unknown_method");
        assertThat(calls.start("C0CHAN", root, "U0ASKER", FakeSlack.TEAM_ID, ""))
                .isEqualTo(new SlackStreamCalls.Start.Refused("unknown_method"));
        fake.streamingUnavailable(null);
        fake.faultNext("chat.startStream", SlackFault.HTTP_503);
        assertThat(calls.start("C0CHAN", root, "U0ASKER", FakeSlack.TEAM_ID, ""))
                .isEqualTo(new SlackStreamCalls.Start.Refused("http_503"));
        assertThat(fake.calls("chat.startStream")).hasSize(3);
        assertThat(fake.thread("C0CHAN", root)).hasSize(1);
    }

    @Test
    void anAppendSlackDidNotTakeIsResentButOneItMayHaveTakenIsNever() {
        String root = fake.userMessage("D0DIRECT", "U0ASKER", "question", "");
        String ts = ((SlackStreamCalls.Start.Started) calls.start("D0DIRECT", root, "U0ASKER", FakeSlack.TEAM_ID, ""))
                .ts();
        fake.faultNext("chat.appendStream", SlackFault.HTTP_429, SlackFault.RATELIMITED_OK_FALSE);
        calls.append("D0DIRECT", ts, "once");
        assertThat(fake.stream("D0DIRECT", ts).orElseThrow().text()).isEqualTo("once");

        fake.faultNext("chat.appendStream", SlackFault.RESET_AFTER_PROCESSING);
        assertThatThrownBy(() -> calls.append("D0DIRECT", ts, " twice?"))
                .isInstanceOfSatisfying(SlackCallFailed.class,
                        e -> assertThat(e.error()).isEqualTo(SlackStreamCalls.OUTCOME_UNKNOWN));
        assertThat(fake.stream("D0DIRECT", ts).orElseThrow().text()).isEqualTo("once twice?");
    }

    @Test
    void statusCallsNeverThrowAndSayWhatSlackAnswered() {
        String root = fake.userMessage("C0CHAN", "U0ASKER", "question", "");
        assertThat(calls.setStatus("C0CHAN", root, "is thinking…", List.of("Reading the thread…"))).isEmpty();
        assertThat(fake.assistantStatus("C0CHAN", root)).contains("is thinking…");
        assertThat(calls.setTitle("C0CHAN", root, "About budgets")).isEmpty();
        fake.failNext("assistant.threads.setStatus", "missing_scope");
        assertThat(calls.setStatus("C0CHAN", root, "is thinking…", List.of())).isEqualTo("missing_scope");
        fake.faultNext("assistant.threads.setStatus", SlackFault.HTTP_500);
        assertThat(calls.setStatus("C0CHAN", root, "is thinking…", List.of())).isEqualTo("http_500");
        fake.faultNext("assistant.threads.setStatus", SlackFault.RESET_BEFORE_RESPONSE);
        assertThat(calls.setStatus("C0CHAN", root, "", List.of())).isEqualTo("network");
    }

    @Test
    void suggestedPromptsAreSentWithTheirTitlesAndMessagesAndAFailureIsReturned() {
        String root = fake.userMessage("D0PANEL", "U0ASKER", "", "");
        var prompts = List.of(new SlackAssistantConfig.Prompt("VPN", "How do I connect to the VPN?"));
        assertThat(calls.setSuggestedPrompts("D0PANEL", root, "Try these", prompts)).isEmpty();
        var sent = fake.assistantCalls("setSuggestedPrompts").getFirst().params();
        assertThat(sent.get("title")).isEqualTo("Try these");
        assertThat(fake.parse(sent.get("prompts")).get(0).path("message").asText()).isEqualTo("How do I connect to the VPN?");
        fake.failNext("assistant.threads.setSuggestedPrompts", "missing_scope");
        assertThat(calls.setSuggestedPrompts("D0PANEL", root, "", prompts)).isEqualTo("missing_scope");
    }
}
