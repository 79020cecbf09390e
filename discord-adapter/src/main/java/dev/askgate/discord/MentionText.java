package dev.askgate.discord;

import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;

import java.util.regex.Matcher;

/** The question in a message: the bot's own mention removed, other user mentions shown as {@code @name}. */
final class MentionText {
    private MentionText() {
    }

    static String question(Message message, User self) {
        String text = message.getContentRaw().replaceAll("<@!?" + self.getId() + ">", " ");
        for (User user : message.getMentions().getUsers()) {
            if (user.getIdLong() == self.getIdLong()) continue;
            text = text.replaceAll("<@!?" + user.getId() + ">", Matcher.quoteReplacement("@" + user.getEffectiveName()));
        }
        return text.strip().replaceAll("[ \\t]{2,}", " ");
    }
}
