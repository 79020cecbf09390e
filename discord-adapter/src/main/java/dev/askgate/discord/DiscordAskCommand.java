package dev.askgate.discord;

import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

import java.util.EnumSet;

/** The {@code /ask question:<text>} command as Discord registers it. */
final class DiscordAskCommand {
    static final String NAME = "ask";
    static final String OPTION = "question";

    private DiscordAskCommand() {
    }

    static SlashCommandData definition(boolean inDms) {
        EnumSet<InteractionContextType> contexts = EnumSet.of(InteractionContextType.GUILD);
        if (inDms) contexts.add(InteractionContextType.BOT_DM);
        return Commands.slash(NAME, "Ask the AI assistant a question")
                .addOption(OptionType.STRING, OPTION, "What do you want to know?", true)
                .setIntegrationTypes(IntegrationType.GUILD_INSTALL)
                .setContexts(contexts);
    }
}
