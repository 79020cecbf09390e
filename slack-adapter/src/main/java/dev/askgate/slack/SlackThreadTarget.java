package dev.askgate.slack;

import dev.askgate.core.render.MessageTarget;

import java.util.Objects;

/**
 * The messages of one answer in a Slack thread: posted in the thread ({@code chat.postMessage}) or updated
 * ({@code chat.update}). The texts arrive as mrkdwn, already split to Slack's length by the core ({@link
 * SlackPresenter}); a {@code msg_too_long} is thrown back, and the core splits shorter.
 */
final class SlackThreadTarget implements MessageTarget {
    private final SlackWebApi api;
    private final String channel;
    private final String workspaceKey;
    private final SlackThread thread;
    private final SlackThinkingStatus status;
    private volatile SlackThinkingStatus.Shown shown;
    private volatile boolean posting;

    /**
     * @param workspaceKey whose {@code chat.update} budget a 429 on an update holds back
     * @param thread       the thread to answer in (an {@code /ask}'s begins when the question is accepted)
     * @param status       shows "is thinking…" under the thread when the core says the first words are slow
     */
    SlackThreadTarget(SlackWebApi api, String channel, String workspaceKey, SlackThread thread,
                      SlackThinkingStatus status) {
        this.api = Objects.requireNonNull(api, "api");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.workspaceKey = Objects.requireNonNull(workspaceKey, "workspaceKey");
        this.thread = Objects.requireNonNull(thread, "thread");
        this.status = Objects.requireNonNull(status, "status");
    }

    /** An {@code /ask}'s quoted question appears now, once the core has accepted the question. */
    @Override
    public void questionAccepted() {
        thread.open();
    }

    /**
     * The core's typing indicator: the first words are slow to come, so the thread shows that the model is thinking
     * (on its own thread: the answer never waits for it). Not once the answer's first post has begun, which Slack
     * lets clear the status; the status asks {@link #posting} again once Slack has set it, and at the answer's end.
     */
    @Override
    public void typing() {
        if (posting || shown != null) return;
        shown = status.show(channel, thread.ts(), () -> posting);
    }

    @Override
    public String post(String text) {
        postingInThread();
        try {
            return api.postMessage(channel, thread.ts(), text);
        } catch (RuntimeException e) {
            notPostedInThread();
            throw e;
        }
    }

    /** The answer's first reply goes into the thread now (posted here, or started as a stream). */
    void postingInThread() {
        posting = true;
    }

    /** That first reply did not go in (refused or failed): nothing in the thread has cleared the status yet. */
    void notPostedInThread() {
        posting = false;
    }

    @Override
    public String postContinuation(String previousId, String text) {
        return api.postMessage(channel, thread.ts(), text);
    }

    /** The answer is over: a thinking status that nothing cleared is cleared. */
    void answerEnded() {
        SlackThinkingStatus.Shown s = shown;
        if (s != null) s.answerEnded();
    }

    @Override
    public void edit(String messageId, String text) {
        api.update(workspaceKey, channel, messageId, text);
    }
}
