package dev.askgate.discord;

import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;

import java.util.List;

/**
 * Message bodies that notify no one: every create and every edit carries empty allowed mentions and does not
 * ping the replied-to author. Discord re-parses an edit sent without {@code allowed_mentions} with the default
 * allowances, so a streamed edit that grows an {@code @everyone} would ping if an edit ever went out without them.
 */
final class QuietMessages {
    private QuietMessages() {
    }

    static MessageCreateData create(String text) {
        return new MessageCreateBuilder().setContent(text).setAllowedMentions(List.of()).mentionRepliedUser(false)
                .build();
    }

    static MessageEditData edit(String text) {
        return new MessageEditBuilder().setContent(text).setAllowedMentions(List.of()).mentionRepliedUser(false)
                .build();
    }
}
