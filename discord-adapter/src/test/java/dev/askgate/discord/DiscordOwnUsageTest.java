package dev.askgate.discord;

import dev.askgate.core.Usage;
import dev.askgate.core.usage.BudgetLimit;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.Budgets;
import dev.askgate.core.usage.LedgerRow;
import dev.askgate.core.usage.OwnUsage;
import dev.askgate.core.usage.RedactedKey;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.store.UsageStores;
import dev.askgate.testkit.discord.RestCall;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.askgate.discord.DiscordHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /usage} through FakeDiscord over a real SQLite store (beside /ask, private, no model call); alerts. */
class DiscordOwnUsageTest {
    @TempDir
    Path dir;
    private final DiscordHarness h = new DiscordHarness();
    private UsageStore store;

    @AfterEach
    void close() {
        h.close();
        if (store != null) store.close();
    }

    @Test
    void usageAnswersTheAskerAloneWithTheirOwnUseAndNeverCallsTheModel() throws Exception {
        store = UsageStores.open("jdbc:sqlite:" + dir.resolve("askgate.db"), "", "");
        String alice = h.discord.alice().id();
        store.record(new LedgerRow(Instant.now(), "discord", h.discord.guildId(), h.discord.channelId(), alice,
                DiscordHarness.MODEL, new Usage(2000, 0, 500), new BigDecimal("0.001250"), "answered",
                Duration.ofSeconds(2), "req-FAKE", "main", RedactedKey.of(DiscordHarness.OPENAI_KEY)));
        store.record(new LedgerRow(Instant.now(), "discord", h.discord.guildId(), h.discord.channelId(),
                h.discord.bob().id(), DiscordHarness.MODEL, new Usage(9000, 0, 900), new BigDecimal("0.009000"),
                "answered", Duration.ofSeconds(2), "req-FAKE", "main", RedactedKey.of(DiscordHarness.OPENAI_KEY)));
        var limits = new Budgets(List.of(new BudgetLimit(BudgetScope.USER, BudgetMetric.TOKENS_PER_DAY, 200_000)));
        h.ownUsage = new OwnUsage(store, limits, Clock.systemUTC())::describe;
        h.start();

        String token = h.discord.slashCommand(h.discord.alice(), h.discord.channelId(), "usage", Map.of());

        // Deferred at once (the store may be slow), ephemeral; the usage is then written into that reply.
        RestCall callback = h.discord.awaitCall("POST", "interactions/\\d+/" + token + "/callback", WAIT);
        assertThat(callback.body().path("type").asInt()).isEqualTo(5);
        assertThat(callback.body().path("data").path("flags").asInt() & 64).as("ephemeral").isEqualTo(64);
        RestCall written = h.discord.awaitCall("PATCH", "webhooks/\\d+/" + token + "/messages/@original", WAIT);
        assertThat(written.body().path("content").asText())
                .startsWith("**Your usage** (days and months are UTC)")
                .contains("- Today: 1 question, 2,500 tokens, $0.0013")
                .contains("- Your 200,000 tokens per day: 200,000 tokens left, resets at 00:00 UTC")
                .doesNotContain("9,900");
        assertThat(h.openai.requestCount()).isZero();
    }

    @Test
    void anAlertIsPostedToItsChannelWithoutPingingAnyone() throws Exception {
        h.start();

        h.platform.alertChannel(h.discord.channelId()).post("Askgate: OpenAI rejected the API key (401) @everyone");

        var message = h.discord.awaitMessageIn(h.discord.channelId(), WAIT);
        assertThat(message.text()).isEqualTo("Askgate: OpenAI rejected the API key (401) @everyone");
        var mentions = message.bodies().getFirst().path("allowed_mentions");
        assertThat(mentions.path("parse").isArray()).isTrue();
        assertThat(mentions.path("parse")).isEmpty();
    }

    @Test
    void usageIsRegisteredBesideAsk() throws Exception {
        h.start(Map.of("DISCORD_GUILD_IDS", h.discord.guildId()));

        RestCall guild = h.discord.awaitCall("PUT", "applications/\\d+/guilds/" + h.discord.guildId() + "/commands",
                WAIT);

        assertThat(guild.body().findValuesAsText("name")).contains("ask", "usage");
    }
}
