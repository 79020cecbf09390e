package dev.askgate.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppMentionEvent;
import dev.askgate.core.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code @Askgate …} in a channel: acknowledged at once, answered in a thread; a mention inside a thread
 * continues the conversation with the thread's history. Retried deliveries of one event are answered once.
 */
final class MentionListener implements BoltEventHandler<AppMentionEvent> {
    private static final Logger log = LoggerFactory.getLogger(MentionListener.class);

    private final SlackIntake intake;

    MentionListener(SlackIntake intake) {
        this.intake = intake;
    }

    @Override
    public Response apply(EventsApiPayload<AppMentionEvent> payload, EventContext ctx) {
        AppMentionEvent event = payload.getEvent();
        if (!intake.firstTime("event", payload.getEventId())) {
            log.info("platform=slack event={} retry {} ignored: already being answered", payload.getEventId(), ctx.getRetryNum());
            return ctx.ack();
        }
        String user = event.getUser();
        boolean fromBot = event.getBotId() != null && !event.getBotId().isEmpty();
        // Other bots are not answered (two bots could mention each other forever); DMs come as message.im.
        if (fromBot || user == null || user.equals(ctx.getBotUserId()) || SlackIntake.isDirect(event.getChannel())) {
            return ctx.ack();
        }
        Caller caller = SlackIntake.caller(payload.getTeamId(), event.getChannel(), user);
        ThreadQuestion.askOrExplain(intake, caller, event.getText(), event.getTs(), event.getThreadTs(),
                ctx.getBotUserId(), ctx.getBotId());
        return ctx.ack();
    }
}
