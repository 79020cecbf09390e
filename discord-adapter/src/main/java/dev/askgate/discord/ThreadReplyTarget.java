package dev.askgate.discord;

import dev.askgate.core.render.MessageTarget;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An answer in a thread opened on the question, opened only when the first text is posted: a question the
 * core refuses (a secret, a question too long) or a failure before any words opens no thread. The thread's name never quotes the question
 * ("Question from Alice"), since its name is shown in the channel. If the thread cannot be opened, the answer
 * replies in the channel instead.
 */
final class ThreadReplyTarget implements MessageTarget {
    private static final Logger log = LoggerFactory.getLogger(ThreadReplyTarget.class);
    private static final int MAX_THREAD_NAME = 100; // Discord's limit

    private final Message question;
    /**
     * Not synchronized: opening the thread blocks on Discord, and a virtual thread blocked inside a synchronized
     * block pins its carrier on JDK 21; the answer's calls queue here until the thread is open.
     */
    private final ReentrantLock opening = new ReentrantLock();
    private volatile MessageTarget opened;

    ThreadReplyTarget(Message question) {
        this.question = Objects.requireNonNull(question, "question");
    }

    /** The neutral name of a thread opened on {@code question}. */
    static String threadName(Message question) {
        Member member = question.getMember();
        String who = member != null ? member.getEffectiveName() : question.getAuthor().getEffectiveName();
        String name = "Question from " + who;
        return name.length() <= MAX_THREAD_NAME ? name : name.substring(0, MAX_THREAD_NAME - 1) + "\u2026";
    }

    @Override
    public String post(String text) {
        return open().post(text);
    }

    @Override
    public String postContinuation(String previousId, String text) {
        return open().postContinuation(previousId, text);
    }

    @Override
    public void edit(String messageId, String text) {
        open().edit(messageId, text);
    }

    @Override
    public void typing() {
        MessageTarget target = opened;
        if (target != null) {
            target.typing();
        } else {
            question.getChannel().sendTyping().queue(ok -> { }, failed -> { }); // cosmetic
        }
    }

    /**
     * The answer ended without text worth a thread (a refusal, an error before any words): if no thread is open
     * yet, the note replies to the question in the channel instead of opening a thread for it alone.
     */
    @Override
    public void endedWithoutAnswer() {
        opening.lock();
        try {
            if (opened == null) opened = new ChannelReplyTarget(question.getChannel(), question.getId());
        } finally {
            opening.unlock();
        }
    }

    private MessageTarget open() {
        MessageTarget target = opened;
        if (target != null) return target;
        opening.lock();
        try {
            if (opened != null) return opened;
            try {
                opened = new ChannelReplyTarget(question.createThreadChannel(threadName(question)).complete(), "");
            } catch (RuntimeException e) {
                log.warn("platform=discord channel={} could not open a thread, answering in the channel: {}",
                        question.getChannel().getId(), DiscordErrors.describe(e));
                opened = new ChannelReplyTarget(question.getChannel(), question.getId());
            }
            return opened;
        } finally {
            opening.unlock();
        }
    }
}
