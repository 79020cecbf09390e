package dev.askgate.slack;

import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.bolt.context.builtin.ActionContext;
import com.slack.api.bolt.handler.builtin.BlockActionHandler;
import com.slack.api.bolt.request.builtin.BlockActionRequest;
import com.slack.api.bolt.response.Response;
import dev.askgate.core.Platform;
import dev.askgate.core.feedback.FeedbackRecorder;
import dev.askgate.core.usage.AnswerFeedback;
import dev.askgate.core.work.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A click on an answer's 👍 / 👎 ({@link FeedbackButtons#ACTION_ID}): acknowledged at once; then, on a worker, the
 * vote goes to the core's recorder and the clicker alone is thanked with an ephemeral message in the answer's
 * thread (the answer itself is left as it is). A click Socket Mode delivers again (same trigger id) is taken once;
 * a later click by the same person is a new vote, which the store keeps in place of their earlier one.
 */
final class SlackFeedbackAction implements BlockActionHandler {
    private static final Logger log = LoggerFactory.getLogger(SlackFeedbackAction.class);

    private final SlackWebApi api;
    private final SlackDeliveries deliveries;
    private final Workers workers;
    private final FeedbackRecorder recorder;
    private final SlackWording wording;
    private final Clock clock;

    SlackFeedbackAction(SlackWebApi api, SlackDeliveries deliveries, Workers workers, FeedbackRecorder recorder,
                        SlackWording wording, Clock clock) {
        this.api = Objects.requireNonNull(api, "api");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.wording = Objects.requireNonNull(wording, "wording");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Response apply(BlockActionRequest request, ActionContext context) {
        BlockActionPayload p = request.getPayload();
        Optional<AnswerFeedback> vote = read(p);
        if (vote.isEmpty()) return context.ack();
        if (!deliveries.firstTime("action", p.getTriggerId())) {
            log.debug("platform=slack request={} feedback click delivered again: already taken",
                    vote.get().requestId());
            return context.ack();
        }
        AnswerFeedback feedback = vote.get();
        String threadTs = p.getContainer() == null ? null : p.getContainer().getThreadTs();
        String responseUrl = p.getResponseUrl();
        // The ack goes back when this returns; the store and the thanks must not hold it past Slack's 3 seconds.
        if (!workers.submit(() -> {
            recorder.record(feedback);
            thank(feedback, threadTs, responseUrl);
        })) {
            // Stopping: storing now (with its retries) could hold the ack too long, so the vote is logged as lost.
            log.warn("platform=slack workspace={} channel={} message={} user={} request={} vote={} at={} answer"
                            + " feedback lost: Askgate is stopping", feedback.workspace(), feedback.channel(),
                    feedback.messageId(), feedback.user(), feedback.requestId(), feedback.vote().word(), feedback.at());
        }
        return context.ack();
    }

    /** The vote a payload holds; empty (with one DEBUG line) when it is not a click on our buttons. */
    private Optional<AnswerFeedback> read(BlockActionPayload p) {
        BlockActionPayload.Action action = p.getActions() == null ? null : p.getActions().stream()
                .filter(a -> FeedbackButtons.ACTION_ID.equals(a.getActionId())).findFirst().orElse(null);
        Optional<FeedbackButtons.Click> click = Optional.ofNullable(action).flatMap(a -> FeedbackButtons.read(a.getValue()));
        String user = p.getUser() == null ? null : p.getUser().getId();
        String channel = p.getChannel() != null ? p.getChannel().getId()
                : p.getContainer() == null ? null : p.getContainer().getChannelId();
        if (click.isEmpty() || user == null || user.isBlank() || channel == null) {
            log.debug("platform=slack feedback click with an unknown value or without user and channel: ignored");
            return Optional.empty();
        }
        String team = p.getTeam() != null ? p.getTeam().getId() : p.getUser().getTeamId();
        String messageTs = p.getContainer() == null ? "" : p.getContainer().getMessageTs();
        AnswerFeedback.Vote vote = switch (click.get().vote()) {
            case UP -> AnswerFeedback.Vote.UP;
            case DOWN -> AnswerFeedback.Vote.DOWN;
        };
        return Optional.of(new AnswerFeedback(clickedAt(action.getActionTs()), Platform.SLACK, team, channel,
                messageTs, user, click.get().requestId(), vote));
    }

    /**
     * When the person clicked, by Slack's {@code action_ts} (seconds, with microseconds): a vote kept from a click
     * delivered late (on another replica, past the dedupe) then cannot replace a newer one. Our clock without it.
     */
    private Instant clickedAt(String actionTs) {
        if (actionTs != null) {
            try {
                BigDecimal seconds = new BigDecimal(actionTs);
                if (seconds.signum() > 0) {
                    return Instant.ofEpochSecond(seconds.longValue(),
                            seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
                }
            } catch (NumberFormatException | ArithmeticException e) {
                // not Slack's format: fall through to our clock
            }
        }
        return clock.instant();
    }

    /** Ephemeral thanks in the answer's thread; through the click's response URL when that post fails. */
    private void thank(AnswerFeedback feedback, String threadTs, String responseUrl) {
        String text = wording.feedbackThanks(feedback.vote() == AnswerFeedback.Vote.UP);
        try {
            api.postEphemeral(feedback.channel(), feedback.user(), threadTs, text);
        } catch (SlackCallFailed e) {
            if (responseUrl == null || responseUrl.isBlank()) {
                log.info("platform=slack request={} feedback thanks not shown: {}", feedback.requestId(), e.error());
                return;
            }
            try {
                api.respondEphemeral(responseUrl, text);
            } catch (SlackCallFailed again) {
                log.info("platform=slack request={} feedback thanks not shown: {}, then {}", feedback.requestId(),
                        e.error(), again.error());
            }
        }
    }
}
