package dev.askgate.discord;

import dev.askgate.core.Conversation;
import dev.askgate.core.policy.RefusalThrottle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;

import java.time.Clock;
import java.time.Duration;

/**
 * Answers direct messages when {@code DISCORD_ALLOW_DMS} is on (a reply to an earlier answer carries its chain
 * as context); otherwise tells a user (once an hour) that the bot answers only in servers.
 */
final class DirectMessageListener extends ListenerAdapter implements MessageQuestions.Handling {
    static final String DMS_OFF = "I only answer in servers here: mention me in a channel, or use `/ask` there.";

    private final MessageQuestions questions;
    private final ReplyChain chain;
    private final boolean allowDms;
    private final RefusalThrottle told;

    DirectMessageListener(MessageQuestions questions, ReplyChain chain, boolean allowDms, Clock clock) {
        this.questions = questions;
        this.told = new RefusalThrottle(Duration.ofHours(1), clock);
        this.chain = chain;
        this.allowDms = allowDms;
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        Message message = event.getMessage();
        if (MessageKind.of(message, event.getJDA().getSelfUser()) != MessageKind.DIRECT) return;
        if (allowDms) {
            questions.handle(message, this);
        } else if (told.shouldTell(message.getAuthor().getId())) {
            message.getChannel().sendMessage(QuietMessages.create(DMS_OFF)).queue(ok -> { }, failed -> { });
        }
    }

    @Override
    public Conversation history(Message message, User self) {
        return chain.before(message, self);
    }
}
