package dev.askgate.discord;

import dev.askgate.core.Conversation;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;

/**
 * A direct message (when {@code DISCORD_ALLOW_DMS} is on; admission refuses it otherwise): a reply to an earlier
 * answer carries its chain as context.
 */
final class DirectMessageHandling implements MessageQuestions.Handling {
    private final ReplyChain chain;

    DirectMessageHandling(ReplyChain chain) {
        this.chain = chain;
    }

    @Override
    public Conversation history(Message message, User self) {
        return chain.before(message, self);
    }
}
