package dev.askgate.discord;

import dev.askgate.core.config.Secret;
import dev.askgate.testkit.discord.FakeDiscord;
import net.dv8tion.jda.api.JDA;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DiscordConnectionTest {
    static final String TOKEN = "FAKE0discord0token.FAKE00.FAKE0000notreal000000000000000";
    final FakeDiscord discord = new FakeDiscord(TOKEN);
    DiscordConnection connection;

    @AfterEach
    void tearDown() {
        if (connection != null) connection.shutdown(Duration.ofSeconds(2));
        discord.close();
    }

    @Test
    void jdaConnectsToTheFakeAndSeesItsGuild() throws Exception {
        DiscordConfig config = new DiscordConfig(new Secret(TOKEN), URI.create(discord.apiUrl()),
                Optional.of(URI.create(discord.gatewayUrl())), 25, false, false, java.util.Set.of(), false,
                Duration.ofMillis(100), dev.askgate.core.policy.AccessRules.everyone(), Optional.empty(), true, false,
                Duration.ofSeconds(20));
        connection = DiscordConnection.open(config, new OkHttpClient());
        connection.awaitReady(Duration.ofSeconds(20));
        JDA jda = connection.shards().getFirst();
        assertThat(jda.getGuildById(discord.guildId())).isNotNull();
        jda.getTextChannelById(discord.channelId()).sendMessage("hello").complete();
        assertThat(discord.awaitMessageIn(discord.channelId(), Duration.ofSeconds(10)).text()).isEqualTo("hello");
    }
}
