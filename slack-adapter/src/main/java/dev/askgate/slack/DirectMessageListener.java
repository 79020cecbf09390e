package dev.askgate.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;
import dev.askgate.core.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A direct message to the app ({@code message.im}): answered in its thread, which keeps the conversation's
 * history for follow-ups. Messages of bots (the app's own included) and other message kinds are ignored.
 */
final class DirectMessageListener implements BoltEventHandler<MessageEvent> {
    private static final Logger log = LoggerFactory.getLogger(DirectMessageListener.class);

    private final SlackIntake intake;

    DirectMessageListener(SlackIntake intake) {
        this.intake = intake;
    }

    @Override
    public Response apply(EventsApiPayload<MessageEvent> payload, EventContext ctx) {
        MessageEvent event = payload.getEvent();
        boolean fromBot = event.getBotId() != null && !event.getBotId().isEmpty();
        String user = event.getUser();
        if (!"im".equals(event.getChannelType()) || fromBot || user == null || user.equals(ctx.getBotUserId())) {
            return ctx.ack();
        }
        if (!intake.firstTime("event", payload.getEventId())) {
            log.info("platform=slack event={} retry {} ignored: already being answered", payload.getEventId(), ctx.getRetryNum());
            return ctx.ack();
        }
        Caller caller = SlackIntake.caller(payload.getTeamId(), event.getChannel(), user);
        if (!intake.allowDms()) {
            ThreadQuestion.tellPrivately(intake, caller, event.getTs(), event.getThreadTs(), intake.wording().directMessagesOff());
            return ctx.ack();
        }
        ThreadQuestion.askOrExplain(intake, caller, event.getText(), event.getTs(), event.getThreadTs(),
                ctx.getBotUserId(), ctx.getBotId());
        return ctx.ack();
    }
}
