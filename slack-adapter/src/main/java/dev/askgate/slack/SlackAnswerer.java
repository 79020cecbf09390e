package dev.askgate.slack;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatService;
import dev.askgate.core.ReplySink;
import dev.askgate.core.render.EditPacer;
import dev.askgate.core.render.EditScheduler;
import dev.askgate.core.render.MessageSplitter;
import dev.askgate.core.render.StreamingReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Answers one question in a Slack thread through the core: the answer streams into thread messages (posted
 * at the first words, paced updates, split at about 3,500 characters), and whatever is not an answer — a
 * refusal, a model error before any text, Slack refusing to post — goes privately to the asker, in words.
 * Runs on the caller's (virtual) thread and blocks until the answer is complete.
 */
final class SlackAnswerer {
    private static final Logger log = LoggerFactory.getLogger(SlackAnswerer.class);
    /** Slack messages hold about 4,000 characters; mrkdwn escaping needs some room. */
    static final int PART_CHARS = 3_500;

    private final ChatService chat;
    private final SlackWebApi api;
    private final MrkdwnConverter mrkdwn;
    private final EditPacer pacer;
    private final EditScheduler scheduler;
    private final Function<ChatOutcome, String> outcomeWords;
    private final SlackWording wording;
    private final MessageSplitter splitter = new MessageSplitter(PART_CHARS);
    private final UndeliveredAnswers undelivered = new UndeliveredAnswers();

    /**
     * @param pacer        Slack's {@code chat.update} budget, counted per workspace
     * @param outcomeWords the core's words for an outcome (Markdown; empty for a plain answer)
     */
    SlackAnswerer(ChatService chat, SlackWebApi api, MrkdwnConverter mrkdwn, EditPacer pacer, EditScheduler scheduler,
                  Function<ChatOutcome, String> outcomeWords, SlackWording wording) {
        this.chat = chat;
        this.api = api;
        this.mrkdwn = mrkdwn;
        this.pacer = pacer;
        this.scheduler = scheduler;
        this.outcomeWords = outcomeWords;
        this.wording = wording;
    }

    void answer(SlackQuestion q) {
        String id = q.request().requestId();
        String workspace = api.workspaceKey(q.request().caller().workspaceId());
        StreamingReply reply = new StreamingReply(new SlackThreadTarget(api, mrkdwn, q.channel(), workspace, q.thread()),
                splitter, pacer, workspace, scheduler);
        ReplySink sink = new ReplySink() {
            @Override
            public void started() {
                q.thread().get(); // an /ask's quoted question appears now, once the core has accepted it
            }

            @Override
            public void delta(String text) {
                reply.delta(text);
            }
        };
        ChatOutcome outcome;
        try {
            outcome = chat.ask(q.request(), sink);
        } catch (SlackCallFailed e) {
            log.warn("platform=slack request={} channel={} could not start the answer: {}", id, q.channel(), e.getMessage());
            tellPrivately(q, wording.slackFailed(e));
            return;
        }
        String words = outcomeWords.apply(outcome);
        boolean nothingShown = reply.messageIds().isEmpty() && reply.text().isBlank();
        switch (outcome) {
            case ChatOutcome.Answered answered -> finish(q, reply, outcome, words);
            case ChatOutcome.Refused refused -> {
                if (nothingShown) tellPrivately(q, mrkdwn.convert(words));
                else finish(q, reply, outcome, words);
            }
            case ChatOutcome.Failed failed -> {
                if (nothingShown && failed.partialText().isBlank()) tellPrivately(q, mrkdwn.convert(words));
                else finish(q, reply, outcome, words);
            }
        }
    }

    private void finish(SlackQuestion q, StreamingReply reply, ChatOutcome outcome, String note) {
        try {
            reply.finish(outcome, note).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SlackCallFailed failed) {
                String text = mrkdwn.convert(reply.text());
                undelivered.keep(q, failed, text);
                tellPrivately(q, wording.answerNotPosted(failed, text));
            } else {
                log.error("platform=slack request={} channel={} answer not shown: {}",
                        q.request().requestId(), q.channel(), cause == null ? e.getClass().getName() : cause.getClass().getName());
            }
        }
    }

    private void tellPrivately(SlackQuestion q, String text) {
        try {
            q.privately().send(text);
        } catch (SlackCallFailed e) {
            log.warn("platform=slack request={} channel={} could not reach the asker privately: {}",
                    q.request().requestId(), q.channel(), e.getMessage());
        }
    }
}
