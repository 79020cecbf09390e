package dev.askgate.slack;

import com.slack.api.bolt.context.builtin.EventContext;
import dev.askgate.core.Caller;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.Conversation;
import dev.askgate.core.RequestId;
import dev.askgate.core.admission.Admission;
import dev.askgate.core.admission.Verdict;
import dev.askgate.core.work.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * A question written as a Slack message (a mention, a DM), shared by both listeners: core's admission decides on
 * Bolt's thread (a refused message never reaches the model and is told privately, as often as admission says),
 * then on a worker the thread so far is read as the conversation it continues and the question is answered in
 * that thread.
 */
final class SlackMessageQuestions {
    private static final Logger log = LoggerFactory.getLogger(SlackMessageQuestions.class);

    /**
     * One message as the listeners see it: {@code ts} in thread {@code threadTs} (empty when top-level), and the
     * id its question carries (the HTTP exchange's in HTTP mode). A message in an assistant thread ({@code panel})
     * titles its thread when it is the first question, and says where the person is ({@code situation}).
     */
    record Asked(RequestId id, String teamId, Caller caller, String text, String ts, String threadTs,
                 String botUserId, String botId, boolean panel, String situation) {
        /** A message by {@code userId} in {@code channelId}, as an event handler received it. */
        static Asked of(String teamId, String channelId, String userId, String text, String ts, String threadTs,
                        EventContext ctx) {
            return new Asked(BoltRequestId.of(ctx), teamId, SlackPlaces.caller(teamId, channelId, userId), text, ts,
                    threadTs, ctx.getBotUserId(), ctx.getBotId(), false, "");
        }

        /** The same message, asked in an assistant thread whose person is in {@code situation}. */
        Asked inPanel(String situation) {
            return new Asked(id, teamId, caller, text, ts, threadTs, botUserId, botId, true, situation);
        }

        boolean inThread() {
            return threadTs != null && !threadTs.isEmpty() && !threadTs.equals(ts);
        }

        /** The thread the answer (and any private note) goes in. */
        String answerThread() {
            return threadTs != null && !threadTs.isEmpty() ? threadTs : ts;
        }
    }

    private final SlackWebApi api;
    private final Admission admission;
    private final Workers workers;
    private final SlackThreadAnswers answers;
    private final SlackRefusals refusals;
    private final SlackWording wording;
    private final SlackThreadTitles titles;

    SlackMessageQuestions(SlackWebApi api, Admission admission, Workers workers, SlackThreadAnswers answers,
                          SlackRefusals refusals, SlackWording wording, SlackThreadTitles titles) {
        this.titles = Objects.requireNonNull(titles, "titles");
        this.api = Objects.requireNonNull(api, "api");
        this.admission = Objects.requireNonNull(admission, "admission");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        this.wording = Objects.requireNonNull(wording, "wording");
    }

    /** Called on Bolt's thread, before the ack: decides at once and leaves every Slack call to a worker. */
    void handle(Asked asked) {
        String question = SlackText.plain(SlackText.withoutMention(asked.text(), asked.botUserId()));
        var place = SlackPlaces.place(admission, asked.teamId(), asked.caller().channelId());
        switch (admission.admit(asked.caller(), question, place)) {
            case Verdict.Admitted admitted -> {
                if (!workers.submit(() -> answer(asked, admitted))) {
                    tellPrivately(asked, wording.busyRestarting());
                }
            }
            case Verdict.Refused refused when refused.tell() -> tellPrivately(asked, refusals.of(refused.refusal()));
            case Verdict.Refused refused -> { }
        }
    }

    private void answer(Asked asked, Verdict.Admitted admitted) {
        RequestId id = asked.id();
        String channel = asked.caller().channelId();
        Conversation history = Conversation.empty();
        if (asked.inThread()) {
            try {
                history = new ThreadHistory(api, answers.presenter(), asked.botUserId(), asked.botId()).before(channel, asked.threadTs(),
                        asked.ts());
            } catch (SlackCallFailed e) {
                log.warn("platform=slack request={} channel={} thread history unavailable ({}); answering without it",
                        id, channel, e.error());
            }
        }
        log.info("platform=slack request={} channel={} question accepted{}, {} earlier turn(s)",
                id, channel, asked.panel() ? " in the assistant panel" : "", history.turns().size());
        if (asked.panel()) titles.ifFirst(channel, asked.answerThread(), history, admitted.question());
        answers.answer(new SlackQuestion(new ChatRequest(id.value(), admitted.caller(), history, admitted.question(),
                asked.situation()), channel, SlackQuestion.existing(asked.answerThread()), privately(asked)));
    }

    private void tellPrivately(Asked asked, String text) {
        workers.submit(() -> {
            try {
                privately(asked).send(text);
            } catch (SlackCallFailed e) {
                log.warn("platform=slack channel={} could not send a private note: {}", asked.caller().channelId(),
                        e.error());
            }
        });
    }

    private PrivateReply privately(Asked asked) {
        return PrivateReply.ephemeral(api, asked.caller().channelId(), asked.caller().userId(), asked.answerThread());
    }
}
