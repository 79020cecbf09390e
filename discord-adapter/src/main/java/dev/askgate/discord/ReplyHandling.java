package dev.askgate.discord;

import dev.askgate.core.Conversation;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;

/**
 * A reply to one of the bot's messages, or a direct message (when {@code DISCORD_ALLOW_DMS} is on; admission refuses
 * it otherwise): the reply chain is the context.
 */
final class ReplyHandling implements MessageQuestions.Handling {
    private final ReplyChain chain;

    ReplyHandling(ReplyChain chain) {
        this.chain = chain;
    }

    @Override
    public Conversation history(Message message, User self) {
        return chain.before(message, self);
    }

    @Override
    public boolean readsHistory(Message message) {
        return chain.fetches(message);
    }
}
