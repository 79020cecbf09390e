package dev.askgate.slack;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Refusal;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What every Slack handler shares before its question reaches the core: dedupe of retried deliveries,
 * the access lists, the DM switch, the hand-off to a virtual thread, and the words for refusals.
 */
final class SlackIntake {
    private final SlackWebApi api;
    private final SlackAnswerer answerer;
    private final SlackAccess access;
    private final Predicate<String> firstTime;
    private final SlackWorkers workers;
    private final SlackWording wording;
    private final MrkdwnConverter mrkdwn;
    private final Function<ChatOutcome, String> outcomeWords;
    private final boolean allowDms;

    /**
     * @param firstTime true the first time a delivery id is seen (event id, trigger id), false for a retry
     */
    SlackIntake(SlackWebApi api, SlackAnswerer answerer, SlackAccess access, Predicate<String> firstTime,
                SlackWorkers workers, SlackWording wording, MrkdwnConverter mrkdwn,
                Function<ChatOutcome, String> outcomeWords, boolean allowDms) {
        this.api = api;
        this.answerer = answerer;
        this.access = access;
        this.firstTime = firstTime;
        this.workers = workers;
        this.wording = wording;
        this.mrkdwn = mrkdwn;
        this.outcomeWords = outcomeWords;
        this.allowDms = allowDms;
    }

    SlackWebApi api() { return api; }
    SlackWording wording() { return wording; }
    boolean allowDms() { return allowDms; }

    boolean firstTime(String deliveryId) {
        return firstTime.test("slack:" + deliveryId);
    }

    boolean allows(Caller caller, boolean directMessage) {
        return access.allows(caller, directMessage);
    }

    /** The core's words for a refused caller, as mrkdwn. */
    String notAllowedText(Caller caller) {
        return mrkdwn.convert(outcomeWords.apply(new ChatOutcome.Refused(new Refusal.NotAllowed())));
    }

    /** Answers {@code q} on a virtual thread; false when the platform is stopping. */
    boolean submit(SlackQuestion q) {
        return workers.submit(() -> answerer.answer(q));
    }

    /** Runs other follow-up work (loading a thread, a private note) on a virtual thread. */
    boolean submit(Runnable job) {
        return workers.submit(job);
    }
}
