package dev.askgate.discord;

import dev.askgate.core.render.MessageTarget;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

import java.util.Objects;

/**
 * An answer in a channel: the first message replies to the question, each further part replies to the part
 * before it, so that a long answer reads as one linked chain. Calls block (JDA waits out 429s itself).
 */
final class ChannelReplyTarget implements MessageTarget {
    private final MessageChannel channel;
    private final String questionId;

    /** @param questionId the message answered; empty to post without a reply reference */
    ChannelReplyTarget(MessageChannel channel, String questionId) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.questionId = Objects.requireNonNull(questionId, "questionId");
    }

    @Override
    public String post(String text) {
        return send(questionId, text);
    }

    @Override
    public String postContinuation(String previousId, String text) {
        return send(previousId, text);
    }

    @Override
    public void edit(String messageId, String text) {
        channel.editMessageById(messageId, QuietMessages.edit(text)).complete();
    }

    @Override
    public void typing() {
        channel.sendTyping().queue(ok -> { }, failed -> { }); // cosmetic: a failure changes nothing
    }

    private String send(String replyTo, String text) {
        var action = channel.sendMessage(QuietMessages.create(text));
        if (!replyTo.isEmpty()) {
            // A question deleted meanwhile must not lose the answer: post it without the reference then.
            action = action.setMessageReference(replyTo).failOnInvalidReply(false);
        }
        return action.complete().getId();
    }
}
