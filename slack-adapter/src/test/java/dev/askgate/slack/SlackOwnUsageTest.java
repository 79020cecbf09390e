package dev.askgate.slack;

import dev.askgate.core.Usage;
import dev.askgate.core.usage.BudgetCharge;
import dev.askgate.core.usage.BudgetLimit;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.Budgets;
import dev.askgate.core.usage.LedgerRow;
import dev.askgate.core.usage.OwnUsage;
import dev.askgate.core.usage.RedactedKey;
import dev.askgate.core.usage.ReservationRequest;
import dev.askgate.core.usage.ReserveResult;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.store.UsageStores;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /ask usage} through FakeSlack, over a real SQLite usage store (private, never a model call); alerts. */
class SlackOwnUsageTest {
    private static final BudgetLimit PER_DAY = BudgetLimit.usd(BudgetScope.USER, BudgetMetric.USD_PER_DAY,
            new BigDecimal("1.00"));

    @TempDir
    Path dir;
    private UsageStore store;
    private SlackHarness h;

    @AfterEach
    void close() {
        if (h != null) h.close();
        if (store != null) store.close();
    }

    @Test
    void askUsageShowsTheAskerTheirOwnDayAndWhatIsLeftPrivatelyWithoutAModelCall() throws Exception {
        store = UsageStores.open("jdbc:sqlite:" + dir.resolve("askgate.db"), "", "");
        String subject = "slack:" + SlackHarness.USER;
        store.record(new LedgerRow(Instant.now(), "slack", FakeSlack.TEAM_ID, SlackHarness.CHANNEL, SlackHarness.USER,
                "gpt-6-luna", new Usage(1000, 0, 250), new BigDecimal("0.250000"), "answered", Duration.ofSeconds(1),
                "req-FAKE", "main", RedactedKey.of(SlackHarness.OPENAI_KEY)));
        var held = (ReserveResult.Reserved) store.reserve(new ReservationRequest(
                List.of(new BudgetCharge(PER_DAY, subject, 300_000_000L)), Duration.ofMinutes(1)));
        store.settle(held.id(), new Usage(1000, 0, 250), new BigDecimal("0.250000"));
        var words = new OwnUsage(store, new Budgets(List.of(PER_DAY)), Clock.systemUTC());
        h = new SlackHarness(SlackHarness.Mode.SOCKET, Duration.ofMillis(100), SlackConfig.AccessLists.OPEN, true,
                Duration.ofSeconds(30), SlackConfig.DEFAULT_API_TIMEOUT, words::describe);

        var command = h.slack.slashCommand("/ask", SlackHarness.CHANNEL, SlackHarness.USER, "usage");
        var ack = h.slack.socketMode().awaitAck(h.slack.deliver(command));
        SlackCall reply = h.slack.awaitCall("response_url", c -> true);

        // The ack waits for nothing (the store may be slow); the usage follows through the response URL.
        assertThat(ack.payload().path("text").asText()).isEmpty();
        assertThat(reply.text()).startsWith("*Your usage* (days and months are UTC)")
                .contains("Today: 1 question, 1,250 tokens, $0.25")
                .contains("Your $1.00 per day: $0.75 left, resets at 00:00 UTC");
        assertThat(reply.params().get("response_type")).isEqualTo("ephemeral");
        assertThat(h.openAi.requestCount()).isZero();
        assertThat(h.slack.calls("chat.postMessage")).isEmpty();
    }

    @Test
    void anAlertIsPostedToItsChannelAsPlainText() throws Exception {
        h = SlackHarness.start(SlackHarness.Mode.SOCKET);

        h.platform.alertChannel("C0ALERTS1").post("Askgate spend spike: $2.00 & more <now>");

        var call = h.slack.awaitCall("chat.postMessage", c -> "C0ALERTS1".equals(c.param("channel")));
        assertThat(call.param("text")).isEqualTo("Askgate spend spike: $2.00 &amp; more &lt;now&gt;");
        assertThat(h.platform.alertChannel("C0ALERTS1").name()).isEqualTo("slack channel C0ALERTS1");
    }

    @Test
    void theHelpTextTellsOfAskUsage() throws Exception {
        h = SlackHarness.start(SlackHarness.Mode.SOCKET);

        assertThat(h.ask(SlackHarness.CHANNEL, SlackHarness.USER, "help").text()).contains("`/ask usage` shows");
    }
}
