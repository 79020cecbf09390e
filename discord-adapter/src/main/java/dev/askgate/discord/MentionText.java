package dev.askgate.discord;

import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;

import java.util.regex.Matcher;

/**
 * The question in a message: the bot's own mention (or its managed role's) removed, other user mentions shown
 * as {@code @name}.
 */
final class MentionText {
    private MentionText() {
    }

    static String question(Message message, User self) {
        String text = message.getContentRaw().replaceAll("<@!?" + self.getId() + ">", " ");
        if (MessageKind.mentionsOwnRole(message, self)) {
            for (var role : message.getMentions().getRoles()) {
                if (role.getTags().getBotIdLong() == self.getIdLong()) text = text.replace(role.getAsMention(), " ");
            }
        }
        for (User user : message.getMentions().getUsers()) {
            if (user.getIdLong() == self.getIdLong()) continue;
            text = text.replaceAll("<@!?" + user.getId() + ">", Matcher.quoteReplacement("@" + user.getEffectiveName()));
        }
        return text.strip().replaceAll("[ \\t]{2,}", " ");
    }
}
