package dev.askgate.discord;

import dev.askgate.core.Caller;
import dev.askgate.core.work.Workers;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code /usage}: the asker's own use today and this month and what is left, as a reply only they see. Read from
 * the usage store, never a model call. The reply is deferred and written by a worker: a slow or unreachable store
 * must neither miss Discord's 3 s for the interaction nor hold JDA's event thread, which serves the whole shard.
 */
final class DiscordUsageCommand extends ListenerAdapter {
    static final String NAME = "usage";
    private static final Logger log = LoggerFactory.getLogger(DiscordUsageCommand.class);

    private final Function<Caller, String> ownUsage;

    private final Workers workers;

    /** @param ownUsage the asker's own usage in Markdown, which Discord shows as it is */
    DiscordUsageCommand(Function<Caller, String> ownUsage, Workers workers) {
        this.ownUsage = Objects.requireNonNull(ownUsage, "ownUsage");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    static SlashCommandData definition(boolean inDms) {
        EnumSet<InteractionContextType> contexts = EnumSet.of(InteractionContextType.GUILD);
        if (inDms) contexts.add(InteractionContextType.BOT_DM);
        return Commands.slash(NAME, "See what you have used today and this month, and what is left")
                .setIntegrationTypes(IntegrationType.GUILD_INSTALL)
                .setContexts(contexts);
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!NAME.equals(event.getName()) || event.getUser().isBot()) return;
        Caller asker = DiscordAskListener.callerOf(event);
        if (workers.stopping()) {
            event.reply(QuietMessages.create(DiscordAskListener.RESTARTING)).setEphemeral(true).queue(ok -> { },
                    failed -> warn(event, failed));
            return;
        }
        event.deferReply(true).queue(hook -> {
            boolean taken = workers.submit(() -> hook.editOriginal(QuietMessages.edit(ownUsage.apply(asker))).complete());
            if (!taken) hook.editOriginal(QuietMessages.edit(DiscordAskListener.RESTARTING)).queue(ok -> { },
                    failed -> warn(event, failed));
        }, failed -> warn(event, failed));
    }

    private static void warn(SlashCommandInteractionEvent event, Throwable failed) {
        log.warn("platform=discord channel={} /usage reply failed: {}", event.getChannelId(),
                DiscordErrors.describe(failed));
    }
}
