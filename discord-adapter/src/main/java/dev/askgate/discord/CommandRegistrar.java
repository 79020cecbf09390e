package dev.askgate.discord;

import net.dv8tion.jda.api.events.guild.GuildReadyEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Registers {@code /ask} and {@code /usage}: in the guilds of {@code DISCORD_GUILD_IDS} (shown at once), else globally (Discord may
 * take up to an hour to show a new global command), then clearing the global commands so that a stale global
 * {@code /ask} does not linger. Global calls are made by shard 0 only.
 */
final class CommandRegistrar extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(CommandRegistrar.class);

    private final Set<String> guildIds;
    private final boolean inDms;

    CommandRegistrar(Set<String> guildIds, boolean inDms) {
        this.guildIds = guildIds;
        this.inDms = inDms;
    }

    @Override
    public void onReady(ReadyEvent event) {
        var jda = event.getJDA();
        if (jda.getShardInfo().getShardId() != 0) return;
        if (!guildIds.isEmpty()) {
            // A global /ask from an earlier start without DISCORD_GUILD_IDS would show beside the guild one.
            jda.updateCommands().queue(
                    done -> log.info("platform=discord cleared global commands: /ask is registered per guild"),
                    failed -> log.warn("platform=discord clearing global commands failed: {}",
                            DiscordErrors.describe(failed)));
            return;
        }
        jda.updateCommands().addCommands(DiscordAskCommand.definition(inDms), DiscordUsageCommand.definition(inDms)).queue(
                done -> log.info("platform=discord registered /ask and /usage globally"),
                failed -> log.warn("platform=discord registering /ask globally failed: {}",
                        DiscordErrors.describe(failed)));
    }

    @Override
    public void onGuildReady(GuildReadyEvent event) {
        var guild = event.getGuild();
        if (!guildIds.contains(guild.getId())) return;
        guild.updateCommands().addCommands(DiscordAskCommand.definition(false),
                DiscordUsageCommand.definition(false)).queue(
                done -> log.info("platform=discord guild={} registered /ask and /usage", guild.getId()),
                failed -> log.warn("platform=discord guild={} registering /ask failed: {}", guild.getId(),
                        DiscordErrors.describe(failed)));
    }
}
