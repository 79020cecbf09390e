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

    /**
     * @param workspaceKey whose {@code chat.update} budget a 429 on an update holds back
     * @param thread       the thread to answer in (an {@code /ask}'s begins when the question is accepted)
     */
    SlackThreadTarget(SlackWebApi api, String channel, String workspaceKey, SlackThread thread) {
        this.api = Objects.requireNonNull(api, "api");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.workspaceKey = Objects.requireNonNull(workspaceKey, "workspaceKey");
        this.thread = Objects.requireNonNull(thread, "thread");
    }

    /** An {@code /ask}'s quoted question appears now, once the core has accepted the question. */
    @Override
    public void questionAccepted() {
        thread.open();
    }

    @Override
    public String post(String text) {
        return api.postMessage(channel, thread.ts(), text);
    }

    @Override
    public String postContinuation(String previousId, String text) {
        return api.postMessage(channel, thread.ts(), text);
    }

    @Override
    public void edit(String messageId, String text) {
        api.update(workspaceKey, channel, messageId, text);
    }
}
