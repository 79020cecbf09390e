package dev.askgate.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.askgate.core.Caller;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.Conversation;
import dev.askgate.core.Refusal;
import dev.askgate.core.RequestId;
import dev.askgate.core.admission.Admission;
import dev.askgate.core.admission.Verdict;
import dev.askgate.core.work.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code /ask <question>}: core's admission decides on Bolt's thread and the command is acknowledged at once
 * (usage, a refusal or nothing, only to the asker); then, on a worker, the question is quoted in the channel with
 * who asked and answered in that message's thread. Whether the command is a retry of one already taken (its
 * trigger id, in the usage store) is asked on the worker, before anything is posted: the store's write never
 * holds up an acknowledgement, and a retry is still answered once — its worker finds the id taken and stops.
 */
final class SlackAskCommand implements SlashCommandHandler {
    private static final Logger log = LoggerFactory.getLogger(SlackAskCommand.class);

    private final SlackWebApi api;
    private final Admission admission;
    private final SlackDeliveries deliveries;
    private final Workers workers;
    private final SlackThreadAnswers answers;
    private final SlackRefusals refusals;
    private final SlackWording wording;
    private final Function<Caller, String> ownUsage;

    /** @param ownUsage the asker's own usage as mrkdwn, for {@code /ask usage} */
    SlackAskCommand(SlackWebApi api, Admission admission, SlackDeliveries deliveries, Workers workers,
                    SlackThreadAnswers answers, SlackRefusals refusals, SlackWording wording,
                    Function<Caller, String> ownUsage) {
        this.ownUsage = Objects.requireNonNull(ownUsage, "ownUsage");
        this.api = Objects.requireNonNull(api, "api");
        this.admission = Objects.requireNonNull(admission, "admission");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.answers = Objects.requireNonNull(answers, "answers");
        this.refusals = Objects.requireNonNull(refusals, "refusals");
        this.wording = Objects.requireNonNull(wording, "wording");
    }

    @Override
    public Response apply(SlashCommandRequest request, SlashCommandContext ctx) {
        SlashCommandPayload p = request.getPayload();
        String question = SlackText.plain(p.getText());
        String word = question.toLowerCase(Locale.ROOT);
        if (question.isEmpty() || word.equals("help") || word.equals("?")) {
            return ctx.ack(wording.usage());
        }
        if (word.equals("usage")) {
            // Read from the store, never a model call, and answered through the response URL, which only the asker
            // sees: a slow or unreachable store must not hold the ack past Slack's 3 s.
            Caller asker = SlackPlaces.caller(p.getTeamId(), p.getChannelId(), p.getUserId());
            boolean taken = workers.submit(() -> api.respondEphemeral(p.getResponseUrl(), ownUsage.apply(asker)));
            return taken ? ctx.ack() : ctx.ack(wording.busyRestarting());
        }
        Caller caller = SlackPlaces.caller(p.getTeamId(), p.getChannelId(), p.getUserId());
        var place = SlackPlaces.place(admission, p.getTeamId(), p.getChannelId());
        return switch (admission.admit(caller, question, place)) {
            case Verdict.Admitted admitted -> accept(p, admitted, BoltRequestId.of(ctx), ctx);
            // The asker's own command, answered only to them: told every time, whatever the throttle says.
            case Verdict.Refused refused -> refuse(p, refused.refusal(), ctx);
        };
    }

    private Response accept(SlashCommandPayload p, Verdict.Admitted admitted, RequestId id, SlashCommandContext ctx) {
        if (!workers.submit(() -> answer(p, admitted, id))) {
            return ctx.ack(wording.busyRestarting());
        }
        log.info("platform=slack request={} channel={} /ask accepted", id, p.getChannelId());
        return ctx.ack();
    }

    private void answer(SlashCommandPayload p, Verdict.Admitted admitted, RequestId id) {
        if (retried(p)) return;
        answers.answer(new SlackQuestion(
                new ChatRequest(id.value(), admitted.caller(), Conversation.empty(), admitted.question()),
                p.getChannelId(),
                SlackQuestion.startedBy(api, p.getChannelId(), QuestionQuote.of(p.getUserId(), admitted.question())),
                PrivateReply.viaResponseUrl(api, p.getResponseUrl())));
    }

    /** Who may ask is said in the ack; what is wrong with the question itself, through the response URL. */
    private Response refuse(SlashCommandPayload p, Refusal refusal, SlashCommandContext ctx) {
        String text = refusals.of(refusal);
        return switch (refusal) {
            case Refusal.NotAllowed notAllowed -> ctx.ack(text);
            case Refusal.DirectMessagesOff off -> ctx.ack(text);
            case Refusal.EmptyQuestion empty -> respondLater(p, text, ctx);
            case Refusal.QuestionTooLong tooLong -> respondLater(p, text, ctx);
            case Refusal.SecretInQuestion secret -> respondLater(p, text, ctx);
            case Refusal.AnswerWithheld withheld -> respondLater(p, text, ctx);
            // Budgets are checked when the answer starts, not here; were one told here, it would go the same way.
            case Refusal.OverBudget overBudget -> respondLater(p, text, ctx);
            case Refusal.SpendingUnknown unknown -> respondLater(p, text, ctx);
        };
    }

    /** A retry of a command already taken (by this worker's store check, atomic across replicas): nothing to do. */
    private boolean retried(SlashCommandPayload p) {
        if (deliveries.firstTime("command", p.getTriggerId())) return false;
        log.info("platform=slack channel={} /ask retry ignored: already being answered", p.getChannelId());
        return true;
    }

    private Response respondLater(SlashCommandPayload p, String text, SlashCommandContext ctx) {
        workers.submit(() -> {
            if (retried(p)) return;
            try {
                PrivateReply.viaResponseUrl(api, p.getResponseUrl()).send(text);
            } catch (SlackCallFailed e) {
                log.warn("platform=slack channel={} could not answer the asker privately: {}", p.getChannelId(),
                        e.error());
            }
        });
        return ctx.ack();
    }
}
