package dev.askgate.discord;

import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.askgate.discord.DiscordHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Guild and role lists apply to direct messages too, through the sender's membership in the bot's guilds. */
class DirectMessageAccessTest {
    final DiscordHarness h = new DiscordHarness();

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void aUserWithADeniedRoleCannotAskByDirectMessage() throws Exception {
        h.start(Map.of("DISCORD_ALLOW_DMS", "true", "DISCORD_DENIED_ROLES", h.discord.restrictedRoleId()));
        h.openai.enqueue(FakeOpenAi.answer("For Alice."));

        h.discord.directMessage(h.discord.bob(), "let me in through the back door");
        h.discord.directMessage(h.discord.alice(), "may I?");

        assertThat(h.discord.awaitMessageIn(h.discord.dmChannelOf(h.discord.bob()), WAIT).text())
                .contains("admins of this server decide");
        h.discord.awaitText(h.discord.awaitMessageIn(h.discord.dmChannelOf(h.discord.alice()), WAIT),
                "For Alice."::equals, WAIT);
        assertThat(h.openai.requestCount()).isEqualTo(1);
        assertThat(h.openai.lastRequest().messageContents()).last().isEqualTo("may I?");
    }

    @Test
    void withAllowedGuildsSomeoneWhoSharesNoneOfThemCannotAskByDirectMessage() throws Exception {
        h.start(Map.of("DISCORD_ALLOW_DMS", "true", "DISCORD_ALLOWED_GUILDS", h.discord.guildId()));
        h.openai.enqueue(FakeOpenAi.answer("For Alice."));

        h.discord.directMessage(h.discord.stranger(), "hello from outside");
        h.discord.directMessage(h.discord.alice(), "hello from inside");

        assertThat(h.discord.awaitMessageIn(h.discord.dmChannelOf(h.discord.stranger()), WAIT).text())
                .contains("admins of this server decide");
        h.discord.awaitText(h.discord.awaitMessageIn(h.discord.dmChannelOf(h.discord.alice()), WAIT),
                "For Alice."::equals, WAIT);
        assertThat(h.openai.requestCount()).isEqualTo(1);
    }

    @Test
    void withAllowedRolesAMemberHoldingOneMayAskByDirectMessage() throws Exception {
        h.start(Map.of("DISCORD_ALLOW_DMS", "true", "DISCORD_ALLOWED_ROLES", h.discord.memberRoleId()));
        h.openai.enqueue(FakeOpenAi.answer("Members welcome."));

        h.discord.directMessage(h.discord.alice(), "members only?");

        h.discord.awaitText(h.discord.awaitMessageIn(h.discord.dmChannelOf(h.discord.alice()), WAIT),
                "Members welcome."::equals, WAIT);
    }

    @Test
    void aUserWithADeniedRoleCannotUseAskInADirectMessageEither() throws Exception {
        h.start(Map.of("DISCORD_ALLOW_DMS", "true", "DISCORD_DENIED_ROLES", h.discord.restrictedRoleId()));

        h.discord.slashCommand(h.discord.bob(), h.discord.dmChannelOf(h.discord.bob()), "ask",
                Map.of("question", "and now through the command?"));

        var response = h.discord.awaitMessageIn(h.discord.dmChannelOf(h.discord.bob()), WAIT);
        h.discord.awaitText(response, t -> t.contains("admins of this server decide"), WAIT);
        assertThat(h.openai.requestCount()).isZero();
    }
}
