package dev.askgate.slack;

import dev.askgate.core.render.ReplyFlow;
import dev.askgate.core.render.ReplyPlace;

import java.util.Objects;

/**
 * Answers an admitted Slack question in its thread through the core's one answer flow, as Slack's presenter
 * shows it; what is not an answer reaches the asker privately. Blocks: run it on a worker.
 */
final class SlackThreadAnswers {
    private final SlackWebApi api;
    private final ReplyFlow flow;
    private final SlackPresenter presenter;
    private final SlackThinkingStatus status;

    SlackThreadAnswers(SlackWebApi api, ReplyFlow flow, SlackPresenter presenter, SlackThinkingStatus status) {
        this.api = Objects.requireNonNull(api, "api");
        this.flow = Objects.requireNonNull(flow, "flow");
        this.presenter = Objects.requireNonNull(presenter, "presenter");
        this.status = Objects.requireNonNull(status, "status");
    }

    SlackPresenter presenter() {
        return presenter;
    }

    /**
     * Every Slack answer — {@code /ask}, mentions, DMs, the assistant panel — takes its target from here, so that a
     * change to how answers are shown reaches them all.
     */
    void answer(SlackQuestion q) {
        String workspace = api.workspaceKey(q.request().caller().workspaceId());
        SlackThreadTarget target = new SlackThreadTarget(api, q.channel(), workspace, q.thread(), status);
        try {
            flow.answer(q.request(), presenter, new ReplyPlace(target, workspace, q.privately()::send));
        } finally {
            target.answerEnded();
        }
    }
}
