package dev.askgate.slack;

import dev.askgate.core.Caller;
import dev.askgate.core.render.MessageTarget;
import dev.askgate.core.render.Presenter;
import dev.askgate.core.render.ReplyFlow;
import dev.askgate.core.render.ReplyPlace;

import java.util.Objects;

/**
 * Answers an admitted Slack question in its thread through the core's one answer flow: as a native stream where
 * the {@link SlackStreamGate} lets answers stream (falling back, answer by answer, to posted and updated
 * messages), else as posted and updated messages; what is not an answer reaches the asker privately. Blocks: run
 * it on a worker.
 */
final class SlackThreadAnswers {
    private final SlackWebApi api;
    private final ReplyFlow flow;
    private final SlackPresenter presenter;
    private final SlackNativePresenter streams;
    private final SlackStreamCalls calls;
    private final SlackStreamGate gate;
    private final SlackThinkingStatus status;

    SlackThreadAnswers(SlackWebApi api, ReplyFlow flow, SlackPresenter presenter, SlackNativePresenter streams,
                       SlackStreamCalls calls, SlackStreamGate gate, SlackThinkingStatus status) {
        this.api = Objects.requireNonNull(api, "api");
        this.flow = Objects.requireNonNull(flow, "flow");
        this.presenter = Objects.requireNonNull(presenter, "presenter");
        this.streams = Objects.requireNonNull(streams, "streams");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.gate = Objects.requireNonNull(gate, "gate");
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
        Caller caller = q.request().caller();
        String workspace = api.workspaceKey(caller.workspaceId());
        SlackThreadTarget thread = new SlackThreadTarget(api, q.channel(), workspace, q.thread(), status);
        Presenter shownBy = presenter;
        MessageTarget target = thread;
        if (gate.streams()) {
            shownBy = streams;
            target = new SlackStreamTarget(calls, api, gate, thread, new SlackStreamTarget.Recipient(q.channel(),
                    q.thread(), workspace, caller.userId(), caller.workspaceId(), q.request().requestId()));
        }
        try {
            flow.answer(q.request(), shownBy, new ReplyPlace(target, workspace, q.privately()::send));
        } finally {
            thread.answerEnded();
        }
    }
}
