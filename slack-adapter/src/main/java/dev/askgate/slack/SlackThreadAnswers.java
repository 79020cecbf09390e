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

    SlackThreadAnswers(SlackWebApi api, ReplyFlow flow, SlackPresenter presenter) {
        this.api = Objects.requireNonNull(api, "api");
        this.flow = Objects.requireNonNull(flow, "flow");
        this.presenter = Objects.requireNonNull(presenter, "presenter");
    }

    SlackPresenter presenter() {
        return presenter;
    }

    void answer(SlackQuestion q) {
        String workspace = api.workspaceKey(q.request().caller().workspaceId());
        flow.answer(q.request(), presenter, new ReplyPlace(
                new SlackThreadTarget(api, q.channel(), workspace, q.thread()), workspace, q.privately()::send));
    }
}
