package dev.askgate.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.handler.BoltEventHandler;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.event.MessageEvent;

/**
 * A direct message to the app ({@code message.im}): answered in its thread, which keeps the conversation's
 * history for follow-ups. Messages of bots (the app's own included) and other message kinds are ignored; whether
 * direct messages are answered at all is admission's to say.
 */
final class SlackDirectMessageListener implements BoltEventHandler<MessageEvent> {
    private final SlackDeliveries deliveries;
    private final SlackMessageQuestions questions;

    SlackDirectMessageListener(SlackDeliveries deliveries, SlackMessageQuestions questions) {
        this.deliveries = deliveries;
        this.questions = questions;
    }

    @Override
    public Response apply(EventsApiPayload<MessageEvent> payload, EventContext ctx) {
        MessageEvent event = payload.getEvent();
        boolean fromBot = event.getBotId() != null && !event.getBotId().isEmpty();
        String user = event.getUser();
        if (!"im".equals(event.getChannelType()) || fromBot || user == null || user.equals(ctx.getBotUserId())) {
            return ctx.ack();
        }
        if (!deliveries.firstEvent(payload.getEventId(), ctx.getRetryNum())) {
            return ctx.ack();
        }
        questions.handle(SlackMessageQuestions.Asked.of(payload.getTeamId(), event.getChannel(), user, event.getText(),
                event.getTs(), event.getThreadTs(), ctx));
        return ctx.ack();
    }
}
