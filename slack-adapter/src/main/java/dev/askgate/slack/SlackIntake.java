package dev.askgate.slack;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Platform;
import dev.askgate.core.Refusal;
import dev.askgate.core.dedupe.EventDedupe;
import dev.askgate.core.render.ReplyFlow;
import dev.askgate.core.render.ReplyPlace;
import dev.askgate.core.work.Workers;


/**
 * What every Slack handler shares before its question reaches the core: dedupe of retried deliveries,
 * the access lists, the DM switch, the hand-off to a virtual thread, and the words for refusals.
 */
final class SlackIntake {
    private final SlackWebApi api;
    private final ReplyFlow flow;
    private final SlackPresenter presenter;
    private final SlackAccess access;
    private final EventDedupe dedupe;
    private final Workers workers;
    private final SlackWording wording;
    private final boolean allowDms;

    /**
     * @param dedupe remembers delivery ids (event id, trigger id) so that a retry is not answered again
     */
    SlackIntake(SlackWebApi api, ReplyFlow flow, SlackPresenter presenter, SlackAccess access, EventDedupe dedupe,
                Workers workers, SlackWording wording, boolean allowDms) {
        this.api = api;
        this.flow = flow;
        this.presenter = presenter;
        this.access = access;
        this.dedupe = dedupe;
        this.workers = workers;
        this.wording = wording;
        this.allowDms = allowDms;
    }

    SlackWebApi api() { return api; }
    SlackWording wording() { return wording; }
    SlackPresenter presenter() { return presenter; }
    boolean allowDms() { return allowDms; }

    /**
     * Whether the delivery {@code id} of this {@code kind} (event, command) is new. A delivery without an id
     * cannot be a recognisable retry: it is always new, so that one missing id never hides every later one.
     */
    boolean firstTime(String kind, String id) {
        if (id == null || id.isBlank()) return true;
        return dedupe.firstSeen("slack:" + kind + ":" + id);
    }

    boolean allows(Caller caller) {
        return access.allows(caller);
    }

    /** Whether a refused caller should be told now (not again within a minute). */
    boolean shouldTellRefusal(Caller caller) {
        return access.shouldTell(caller);
    }

    /** Who asks: for a direct message the workspace is empty, as the core's policy expects. */
    static Caller caller(String teamId, String channelId, String userId) {
        return new Caller(Platform.SLACK, isDirect(channelId) ? "" : teamId, channelId, userId);
    }

    static boolean isDirect(String channelId) {
        return channelId != null && channelId.startsWith("D");
    }

    /** The core's words for a refused caller, as mrkdwn. */
    String notAllowedText(Caller caller) {
        return presenter.format(presenter.note(new ChatOutcome.Refused(new Refusal.NotAllowed())));
    }

    /** Answers {@code q} on a virtual thread; false when the platform is stopping. */
    boolean submit(SlackQuestion q) {
        return workers.submit(() -> answer(q));
    }

    /** Answers {@code q} in its thread through the core's one answer flow; blocks. */
    void answer(SlackQuestion q) {
        String workspace = api.workspaceKey(q.request().caller().workspaceId());
        flow.answer(q.request(), presenter, new ReplyPlace(new SlackThreadTarget(api, q.channel(), workspace, q.thread()),
                workspace, q.privately()::send));
    }

    /** Runs other follow-up work (loading a thread, a private note) on a virtual thread. */
    boolean submit(Runnable job) {
        return workers.submit(job);
    }
}
