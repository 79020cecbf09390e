package dev.askgate.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.askgate.core.Caller;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.Conversation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.function.Function;

/**
 * {@code /ask <question>}: acknowledged at once (usage, a refusal or nothing, only to the asker), then, on a
 * virtual thread, the question is quoted in the channel with who asked and answered in that message's thread.
 */
final class AskCommand implements SlashCommandHandler {
    private static final Logger log = LoggerFactory.getLogger(AskCommand.class);

    private final SlackIntake intake;
    private final Function<Caller, String> ownUsage;

    /** @param ownUsage the asker's own usage as mrkdwn, for {@code /ask usage} */
    AskCommand(SlackIntake intake, Function<Caller, String> ownUsage) {
        this.intake = intake;
        this.ownUsage = ownUsage;
    }

    @Override
    public Response apply(SlashCommandRequest request, SlashCommandContext ctx) {
        SlashCommandPayload p = request.getPayload();
        String question = SlackText.plain(p.getText());
        String word = question.toLowerCase(Locale.ROOT);
        if (question.isEmpty() || word.equals("help") || word.equals("?")) {
            return ctx.ack(intake.wording().usage());
        }
        if (word.equals("usage")) {
            // Answered in the ack, which only the asker sees; read from the store, never a model call.
            return ctx.ack(ownUsage.apply(SlackIntake.caller(p.getTeamId(), p.getChannelId(), p.getUserId())));
        }
        if (!intake.firstTime("command", p.getTriggerId())) {
            return ctx.ack();
        }
        boolean dm = SlackIntake.isDirect(p.getChannelId());
        Caller caller = SlackIntake.caller(p.getTeamId(), p.getChannelId(), p.getUserId());
        if (dm && !intake.allowDms()) {
            return ctx.ack(intake.wording().directMessagesOff());
        }
        if (!intake.allows(caller)) {
            return ctx.ack(intake.notAllowedText(caller)); // the asker's own command: always answered
        }
        String requestId = RequestIds.next();
        SlackQuestion q = new SlackQuestion(
                new ChatRequest(requestId, caller, Conversation.empty(), question),
                p.getChannelId(),
                SlackQuestion.startedBy(intake.api(), p.getChannelId(), QuestionQuote.of(p.getUserId(), question)),
                PrivateReply.viaResponseUrl(intake.api(), p.getResponseUrl()));
        if (!intake.submit(q)) {
            return ctx.ack(intake.wording().busyRestarting());
        }
        log.info("platform=slack request={} channel={} /ask accepted", requestId, p.getChannelId());
        return ctx.ack();
    }

}
