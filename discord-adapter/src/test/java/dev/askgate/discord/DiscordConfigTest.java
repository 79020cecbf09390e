package dev.askgate.discord;

import dev.askgate.core.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DiscordConfigTest {
    static final String TOKEN = "FAKE0discord0token0notreal.FAKE00.FAKE0000notreal0000000000000";

    @Test
    void discordIsOffWithoutAToken() {
        Settings s = new Settings(Map.of("DISCORD_MAX_CHAIN", "10"));

        assertThat(DiscordConfig.enabled(s)).isFalse();
        assertThat(DiscordConfig.from(s)).isEmpty();
        assertThat(s.problems()).isEmpty();
    }

    @Test
    void defaultsSuitTheRealDiscord() {
        Settings s = new Settings(Map.of("DISCORD_BOT_TOKEN", TOKEN));

        DiscordConfig c = DiscordConfig.from(s).orElseThrow();

        assertThat(s.problems()).isEmpty();
        assertThat(c.token().value()).isEqualTo(TOKEN);
        assertThat(c.apiUrl()).isEqualTo(URI.create("https://discord.com/api/v10/"));
        assertThat(c.gatewayUrl()).isEmpty();
        assertThat(c.maxChain()).isEqualTo(25);
        assertThat(c.editInterval()).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.useThreads() || c.allowDms() || c.deleteSecrets()).isFalse();
        assertThat(c.shards()).isEmpty();
        assertThat(c.messageContent()).isTrue();
        assertThat(c.compress()).isTrue();
        assertThat(c.access().allowedChannels()).isEmpty();
    }

    @Test
    void everySettingIsRead() {
        Map<String, String> env = new HashMap<>();
        env.put("DISCORD_BOT_TOKEN", TOKEN);
        env.put("DISCORD_API_URL", "http://localhost:8099/api/v10");
        env.put("DISCORD_GATEWAY_URL", "ws://localhost:8099/gateway");
        env.put("DISCORD_MAX_CHAIN", "7");
        env.put("DISCORD_USE_THREADS", "true");
        env.put("DISCORD_ALLOW_DMS", "yes");
        env.put("DISCORD_GUILD_IDS", "111, 222");
        env.put("DISCORD_DELETE_SECRETS", "on");
        env.put("DISCORD_EDIT_INTERVAL_MS", "900");
        env.put("DISCORD_ALLOWED_GUILDS", "1");
        env.put("DISCORD_ALLOWED_CHANNELS", "2 3");
        env.put("DISCORD_ALLOWED_ROLES", "4");
        env.put("DISCORD_ALLOWED_USERS", "5");
        env.put("DISCORD_DENIED_GUILDS", "6");
        env.put("DISCORD_DENIED_CHANNELS", "7");
        env.put("DISCORD_DENIED_ROLES", "8");
        env.put("DISCORD_DENIED_USERS", "9");
        env.put("DISCORD_SHARDS", "4:2-3");
        env.put("DISCORD_MESSAGE_CONTENT", "false");
        env.put("DISCORD_COMPRESSION", "none");
        Settings s = new Settings(env);

        DiscordConfig c = DiscordConfig.from(s).orElseThrow();

        assertThat(s.problems()).isEmpty();
        assertThat(c.apiUrl()).hasToString("http://localhost:8099/api/v10/");
        assertThat(c.gatewayUrl()).contains(URI.create("ws://localhost:8099/gateway"));
        assertThat(c.maxChain()).isEqualTo(7);
        assertThat(c.useThreads() && c.allowDms() && c.deleteSecrets()).isTrue();
        assertThat(c.commandGuildIds()).containsExactlyInAnyOrder("111", "222");
        assertThat(c.editInterval()).isEqualTo(Duration.ofMillis(900));
        assertThat(c.access().allowedWorkspaces()).containsExactly("1");
        assertThat(c.access().allowedChannels()).containsExactlyInAnyOrder("2", "3");
        assertThat(c.access().allowedRoles()).containsExactly("4");
        assertThat(c.access().allowedUsers()).containsExactly("5");
        assertThat(c.access().deniedWorkspaces()).containsExactly("6");
        assertThat(c.access().deniedChannels()).containsExactly("7");
        assertThat(c.access().deniedRoles()).containsExactly("8");
        assertThat(c.access().deniedUsers()).containsExactly("9");
        assertThat(c.shards()).contains(new ShardRange(4, 2, 3));
        assertThat(c.messageContent() || c.compress()).isFalse();
    }

    @Test
    void theTokenCanComeFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("discord-token");
        Files.writeString(file, TOKEN + "\n");

        DiscordConfig c = DiscordConfig.from(new Settings(Map.of("DISCORD_BOT_TOKEN_FILE", file.toString())))
                .orElseThrow();

        assertThat(c.token().value()).isEqualTo(TOKEN);
    }

    @Test
    void badValuesAreProblemsThatNameTheVariableAndNeverTheToken() {
        Map<String, String> env = new HashMap<>();
        env.put("DISCORD_BOT_TOKEN", "Bot " + TOKEN);
        env.put("DISCORD_GATEWAY_URL", "https://gateway.example");
        env.put("DISCORD_MAX_CHAIN", "0");
        env.put("DISCORD_SHARDS", "4:3-5");
        env.put("DISCORD_DENIED_USERS", "alice");
        env.put("DISCORD_EDIT_INTERVAL_MS", "soon");
        Settings s = new Settings(env);

        DiscordConfig c = DiscordConfig.from(s).orElseThrow();

        assertThat(s.problems()).hasSize(6).anySatisfy(p -> assertThat(p).startsWith("DISCORD_BOT_TOKEN"))
                .anySatisfy(p -> assertThat(p).startsWith("DISCORD_GATEWAY_URL"))
                .anySatisfy(p -> assertThat(p).startsWith("DISCORD_MAX_CHAIN"))
                .anySatisfy(p -> assertThat(p).startsWith("DISCORD_SHARDS"))
                .anySatisfy(p -> assertThat(p).startsWith("DISCORD_DENIED_USERS"))
                .anySatisfy(p -> assertThat(p).startsWith("DISCORD_EDIT_INTERVAL_MS"))
                .noneSatisfy(p -> assertThat(p).contains(TOKEN));
        assertThat(c.toString()).doesNotContain(TOKEN);
    }

    @Test
    void anEditIntervalUnderFiftyMillisecondsIsAProblem() {
        Settings s = new Settings(Map.of("DISCORD_BOT_TOKEN", TOKEN, "DISCORD_EDIT_INTERVAL_MS", "0"));

        DiscordConfig.from(s).orElseThrow();

        assertThat(s.problems()).singleElement().asString().startsWith("DISCORD_EDIT_INTERVAL_MS").contains("50");
    }

    @Test
    void compressionIsZlibOrNoneAndAnythingElseIsAProblem() {
        Settings none = new Settings(Map.of("DISCORD_BOT_TOKEN", TOKEN, "DISCORD_COMPRESSION", "NONE"));
        Settings typo = new Settings(Map.of("DISCORD_BOT_TOKEN", TOKEN, "DISCORD_COMPRESSION", "gzip"));

        DiscordConfig.from(none).orElseThrow();
        DiscordConfig.from(typo);

        assertThat(none.problems()).isEmpty();
        assertThat(typo.problems()).containsExactly("DISCORD_COMPRESSION must be zlib or none (got \"gzip\")");
    }

    @Test
    void aSecretPastedIntoAnIdListOrTheShardsIsNotEchoedButATypoIs() {
        String openAiKey = "sk-proj-FAKE0000test0000key0000notreal";
        Map<String, String> env = new HashMap<>();
        env.put("DISCORD_BOT_TOKEN", TOKEN);
        env.put("DISCORD_ALLOWED_ROLES", "123, " + openAiKey);
        env.put("DISCORD_SHARDS", TOKEN);
        env.put("DISCORD_DENIED_USERS", "alice");
        env.put("DISCORD_GATEWAY_URL", "wss:" + openAiKey);
        Settings s = new Settings(env);

        DiscordConfig.from(s).orElseThrow();

        assertThat(s.problems()).hasSize(4)
                .noneSatisfy(p -> assertThat(p).contains(openAiKey))
                .noneSatisfy(p -> assertThat(p).contains(TOKEN))
                .anySatisfy(p -> assertThat(p).startsWith("DISCORD_ALLOWED_ROLES").contains("(value hidden)"))
                .anySatisfy(p -> assertThat(p).startsWith("DISCORD_SHARDS").contains("(value hidden)"))
                .anySatisfy(p -> assertThat(p).startsWith("DISCORD_DENIED_USERS").contains("\"alice\""));
    }

    @Test
    void bothTokenVariablesAreAProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("t");
        Files.writeString(file, TOKEN);
        Settings s = new Settings(Map.of("DISCORD_BOT_TOKEN", TOKEN, "DISCORD_BOT_TOKEN_FILE", file.toString()));

        assertThat(DiscordConfig.enabled(s)).isTrue();
        assertThat(DiscordConfig.from(s)).isEmpty();
        assertThat(s.problems()).singleElement().asString().contains("DISCORD_BOT_TOKEN_FILE").doesNotContain(TOKEN);
    }

    @Test
    void shardRangesReadAsTotalOrTotalWithARange() {
        assertThat(ShardRange.parse("4")).contains(new ShardRange(4, 0, 3));
        assertThat(ShardRange.parse("16:4-7")).contains(new ShardRange(16, 4, 7));
        assertThat(ShardRange.parse("2:1-1").map(r -> Set.of(r.ids()[0]))).contains(Set.of(1));
        assertThat(ShardRange.parse("0")).isEmpty();
        assertThat(ShardRange.parse("4:2-1")).isEmpty();
        assertThat(ShardRange.parse("four")).isEmpty();
        assertThat(Optional.of(new ShardRange(8, 0, 3)).map(ShardRange::toString)).contains("8:0-3");
    }
}
