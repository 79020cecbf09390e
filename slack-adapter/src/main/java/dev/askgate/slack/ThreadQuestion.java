package dev.askgate.slack;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.Conversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A question written as a Slack message (a mention, a DM) and answered in its thread; when the message is
 * itself in a thread, the thread so far is the conversation it continues. Shared by the mention and DM handlers.
 */
final class ThreadQuestion {
    private static final Logger log = LoggerFactory.getLogger(ThreadQuestion.class);

    private ThreadQuestion() {
    }

    /**
     * Accepts the message {@code ts} (in thread {@code threadTs}, empty when top-level) for answering;
     * returns false when the platform is stopping.
     */
    static boolean accept(SlackIntake intake, Caller caller, String text, String ts,
                          String threadTs, String botUserId, String botId) {
        String channel = caller.channelId();
        boolean inThread = threadTs != null && !threadTs.isEmpty() && !threadTs.equals(ts);
        String answerThread = inThread ? threadTs : ts;
        PrivateReply privately = PrivateReply.ephemeral(intake.api(), channel, caller.userId(), answerThread);
        String question = SlackText.plain(SlackText.withoutMention(text, botUserId));
        String requestId = RequestIds.next();
        return intake.submit(() -> {
            Conversation history = Conversation.empty();
            if (inThread) {
                try {
                    history = new ThreadHistory(intake.api(), intake.presenter(), botUserId, botId).before(channel, threadTs, ts);
                } catch (SlackCallFailed e) {
                    log.warn("platform=slack request={} channel={} thread history unavailable ({}); answering without it",
                            requestId, channel, e.error());
                }
            }
            log.info("platform=slack request={} channel={} question accepted, {} earlier turn(s)",
                    requestId, channel, history.turns().size());
            intake.answer(new SlackQuestion(new ChatRequest(requestId, caller, history, question), channel,
                    SlackQuestion.existing(answerThread), privately));
        });
    }

    /** Tells the author of message {@code ts} something only they see, in its thread. */
    /**
     * The shared end of a mention or a direct message: a caller the access lists refuse is told privately (at most
     * once a minute), anyone else's question is taken, or told that the bot is restarting when it cannot be.
     */
    static void askOrExplain(SlackIntake intake, Caller caller, String text, String ts,
                             String threadTs, String botUserId, String botId) {
        if (!intake.allows(caller)) {
            if (intake.shouldTellRefusal(caller)) tellPrivately(intake, caller, ts, threadTs, intake.notAllowedText(caller));
            return;
        }
        if (!accept(intake, caller, text, ts, threadTs, botUserId, botId)) {
            tellPrivately(intake, caller, ts, threadTs, intake.wording().busyRestarting());
        }
    }

    static void tellPrivately(SlackIntake intake, Caller caller, String ts, String threadTs, String text) {
        String answerThread = threadTs != null && !threadTs.isEmpty() ? threadTs : ts;
        intake.submit(() -> {
            try {
                PrivateReply.ephemeral(intake.api(), caller.channelId(), caller.userId(), answerThread).send(text);
            } catch (SlackCallFailed e) {
                log.warn("platform=slack channel={} could not send a private note: {}", caller.channelId(), e.error());
            }
        });
    }
}
