package dev.askgate.discord;

import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.MessageType;
import net.dv8tion.jda.api.entities.User;

/**
 * What a received message is to Askgate. Each message has exactly one kind, so that exactly one listener
 * answers it: a DM, a message in a thread the bot started, a reply to one of the bot's messages, a mention,
 * or none of these (ignored).
 */
enum MessageKind {
    DIRECT, BOT_THREAD, REPLY_TO_BOT, MENTION, IGNORED;

    static MessageKind of(Message message, User self) {
        if (message.getAuthor().isBot() || message.getAuthor().isSystem() || message.isWebhookMessage()) {
            return IGNORED; // no loops, no answering other bots
        }
        if (message.getType() != MessageType.DEFAULT && message.getType() != MessageType.INLINE_REPLY) {
            return IGNORED; // joins, pins, thread-created notices ...
        }
        ChannelType type = message.getChannelType();
        if (type == ChannelType.PRIVATE) return DIRECT;
        if (type.isThread() && message.getChannel().asThreadChannel().getOwnerIdLong() == self.getIdLong()) {
            return BOT_THREAD;
        }
        Message referenced = message.getReferencedMessage();
        if (referenced != null && referenced.getAuthor().getIdLong() == self.getIdLong()) {
            return REPLY_TO_BOT;
        }
        if (message.getMentions().isMentioned(self, Message.MentionType.USER) || mentionsOwnRole(message, self)) {
            return MENTION;
        }
        return IGNORED;
    }

    /** Discord's autocomplete often offers the bot's managed role where the bot was meant. */
    static boolean mentionsOwnRole(Message message, User self) {
        return message.isFromGuild() && message.getMentions().getRoles().stream()
                .anyMatch(role -> role.isManaged() && role.getTags().getBotIdLong() == self.getIdLong());
    }
}
