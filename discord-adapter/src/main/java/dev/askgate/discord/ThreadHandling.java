package dev.askgate.discord;

import dev.askgate.core.Conversation;
import dev.askgate.core.render.Presenter;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A message in a thread the bot started continues the conversation: every message there is a question (no mention
 * needed), and the thread's recent messages, after the message that started it, are the context.
 */
final class ThreadHandling implements MessageQuestions.Handling {
    private static final Logger log = LoggerFactory.getLogger(ThreadHandling.class);

    private final int maxMessages;
    private final Presenter presenter;

    ThreadHandling(int maxMessages, Presenter presenter) {
        this.maxMessages = maxMessages;
        this.presenter = Objects.requireNonNull(presenter, "presenter");
    }

    @Override
    public Conversation history(Message message, User self) {
        ThreadChannel thread = message.getChannel().asThreadChannel();
        List<Message> oldestFirst = new ArrayList<>();
        // Each read may be refused (no Read Message History): the question is then answered with what was read.
        List<Message> recent = new ArrayList<>(read(thread, "thread history",
                () -> thread.getHistoryBefore(message, maxMessages).complete().getRetrievedHistory()));
        Collections.reverse(recent); // Discord lists the newest first
        if (recent.size() < maxMessages) {
            // A thread opened on a message has that message's id; it is the conversation's first question.
            oldestFirst.addAll(read(thread, "thread starter",
                    () -> List.of(thread.getParentMessageChannel().retrieveMessageById(thread.getId()).complete())));
        }
        oldestFirst.addAll(recent);
        return ReplyChain.toConversation(oldestFirst, self, presenter);
    }

    private static List<Message> read(ThreadChannel thread, String what, Supplier<List<Message>> fetch) {
        try {
            return fetch.get();
        } catch (RuntimeException e) {
            log.warn("platform=discord channel={} {} unavailable: {}", thread.getId(), what, DiscordErrors.describe(e));
            return List.of();
        }
    }

    @Override
    public boolean hintWhenEmpty() {
        return false; // without the MESSAGE_CONTENT intent, messages without a mention arrive empty
    }
}
