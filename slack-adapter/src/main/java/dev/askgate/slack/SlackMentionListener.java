package dev.askgate.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.AppMentionEvent;

/**
 * {@code @Askgate …} in a channel: acknowledged at once, answered in a thread; a mention inside a thread
 * continues the conversation with the thread's history. Retried deliveries of one event are answered once.
 */
final class SlackMentionListener implements BoltEventHandler<AppMentionEvent> {
    private final SlackDeliveries deliveries;
    private final SlackMessageQuestions questions;

    SlackMentionListener(SlackDeliveries deliveries, SlackMessageQuestions questions) {
        this.deliveries = deliveries;
        this.questions = questions;
    }

    @Override
    public Response apply(EventsApiPayload<AppMentionEvent> payload, EventContext ctx) {
        AppMentionEvent event = payload.getEvent();
        if (!deliveries.firstEvent(payload.getEventId(), ctx.getRetryNum())) {
            return ctx.ack();
        }
        String user = event.getUser();
        boolean fromBot = event.getBotId() != null && !event.getBotId().isEmpty();
        // Other bots are not answered (two bots could mention each other forever); DMs come as message.im.
        if (fromBot || user == null || user.equals(ctx.getBotUserId()) || SlackPlaces.isDirect(event.getChannel())) {
            return ctx.ack();
        }
        questions.handle(SlackMessageQuestions.Asked.of(payload.getTeamId(), event.getChannel(), user, event.getText(),
                event.getTs(), event.getThreadTs(), ctx));
        return ctx.ack();
    }
}
