package dev.askgate.discord;

import com.fasterxml.jackson.databind.JsonNode;
import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.askgate.discord.DiscordHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** DISCORD_SHARDS runs a ShardManager: each shard identifies with its id and answers for its guilds. */
class ShardingTest {
    final DiscordHarness h = new DiscordHarness();

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void twoShardsIdentifySeparatelyAndTheGuildsShardAnswers() throws Exception {
        h.start(Map.of("DISCORD_SHARDS", "2"));
        h.openai.enqueue(FakeOpenAi.answer("Sharded, and still here."));

        List<String> shards = h.discord.gatewayFrames().stream().filter(f -> f.path("op").asInt() == 2)
                .map(f -> f.path("d").path("shard").toString()).toList();
        assertThat(shards).containsExactlyInAnyOrder("[0,2]", "[1,2]");
        assertThat(h.platform.ready()).isTrue();

        h.discord.mention(h.discord.alice(), h.discord.channelId(), "are you sharded?");

        h.discord.awaitText(h.discord.awaitMessageIn(h.discord.channelId(), WAIT),
                "Sharded, and still here."::equals, WAIT);
        JsonNode identify = h.discord.gatewayFrames().stream().filter(f -> f.path("op").asInt() == 2).findFirst()
                .orElseThrow();
        assertThat(identify.path("d").path("intents").asInt() & (1 << 15)).as("MESSAGE_CONTENT").isNotZero();
    }

    @Test
    void aReplicaRunningOneShardOfTwoIdentifiesOnlyThatShard() throws Exception {
        h.start(Map.of("DISCORD_SHARDS", "2:1-1"));

        List<String> shards = h.discord.gatewayFrames().stream().filter(f -> f.path("op").asInt() == 2)
                .map(f -> f.path("d").path("shard").toString()).toList();
        assertThat(shards).containsExactly("[1,2]");
        assertThat(h.platform.ready()).isTrue();
    }
}
