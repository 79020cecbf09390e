package dev.askgate.discord;

import dev.askgate.core.Conversation;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;

/** Continues a conversation when someone replies to one of the bot's messages: the reply chain is the context. */
final class ReplyListener extends ListenerAdapter implements MessageQuestions.Handling {
    private final MessageQuestions questions;
    private final ReplyChain chain;

    ReplyListener(MessageQuestions questions, ReplyChain chain) {
        this.questions = questions;
        this.chain = chain;
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        if (MessageKind.of(event.getMessage(), event.getJDA().getSelfUser()) == MessageKind.REPLY_TO_BOT) {
            questions.handle(event.getMessage(), this);
        }
    }

    @Override
    public Conversation history(Message message, User self) {
        return chain.before(message, self);
    }
}
