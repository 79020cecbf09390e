package dev.askgate.discord;

import dev.askgate.core.Conversation;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a guild message that mentions the bot (the mention is not part of the question). A mention in a reply
 * to someone else's message ("@Askgate is this right?") takes that message as context. With
 * {@code DISCORD_USE_THREADS} the answer opens a thread on the question, where the conversation continues.
 */
final class MentionListener extends ListenerAdapter implements MessageQuestions.Handling {
    private static final Logger log = LoggerFactory.getLogger(MentionListener.class);
    private static final int THREAD_NAME_LENGTH = 80;

    private final MessageQuestions questions;
    private final ReplyChain chain;
    private final boolean useThreads;

    MentionListener(MessageQuestions questions, ReplyChain chain, boolean useThreads) {
        this.questions = questions;
        this.chain = chain;
        this.useThreads = useThreads;
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        if (MessageKind.of(event.getMessage(), event.getJDA().getSelfUser()) == MessageKind.MENTION) {
            questions.handle(event.getMessage(), this);
        }
    }

    @Override
    public Conversation history(Message message, User self) {
        return chain.before(message, self);
    }

    @Override
    public MessageQuestions.Destination destination(Message message, String question) {
        if (!useThreads || message.getChannelType() != ChannelType.TEXT) {
            return MessageQuestions.Destination.of(message);
        }
        try {
            var thread = message.createThreadChannel(threadName(question)).complete();
            return new MessageQuestions.Destination(thread, "");
        } catch (RuntimeException e) {
            log.warn("platform=discord channel={} could not open a thread, answering in the channel: {}",
                    message.getChannel().getId(), DiscordErrors.describe(e));
            return MessageQuestions.Destination.of(message);
        }
    }

    private static String threadName(String question) {
        String line = question.lines().findFirst().orElse("Question").strip();
        return line.length() <= THREAD_NAME_LENGTH ? line : line.substring(0, THREAD_NAME_LENGTH - 1) + "\u2026";
    }
}
