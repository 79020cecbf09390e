package dev.askgate.discord;

import dev.askgate.core.Conversation;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.ChannelType;

/**
 * A guild message that mentions the bot (the mention is not part of the question). A mention in a reply
 * to someone else's message ("@Askgate is this right?") takes that message as context. With
 * {@code DISCORD_USE_THREADS} the answer opens a thread on the question (when its first words are posted),
 * where the conversation continues.
 */
final class MentionHandling implements MessageQuestions.Handling {
    private final ReplyChain chain;
    private final boolean useThreads;

    MentionHandling(ReplyChain chain, boolean useThreads) {
        this.chain = chain;
        this.useThreads = useThreads;
    }

    @Override
    public Conversation history(Message message, User self) {
        return chain.before(message, self);
    }

    @Override
    public boolean readsHistory(Message message) {
        return chain.fetches(message);
    }

    @Override
    public MessageQuestions.Destination destination(Message message) {
        if (!useThreads || message.getChannelType() != ChannelType.TEXT) {
            return MessageQuestions.Destination.of(message);
        }
        // A thread opened on a message has that message's id: the edit budget is the thread's.
        return new MessageQuestions.Destination(new ThreadReplyTarget(message), message.getId());
    }
}
