package dev.askgate.slack;

import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.bolt.context.builtin.EventContext;
import com.slack.api.bolt.middleware.builtin.Assistant;
import com.slack.api.model.assistant.AssistantThreadContext;
import com.slack.api.model.event.AssistantThreadStartedEvent;
import com.slack.api.model.event.MessageEvent;
import dev.askgate.core.work.Workers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.ExecutorService;

/**
 * Slack's assistant side panel, served through Bolt's {@link Assistant} middleware: a new thread is greeted and
 * offered suggested prompts; each person's message in it is a question (no mention, no {@code /ask}) that goes
 * through the same admission and answer flow as a direct message, with the thread as its history and the channel
 * the person is viewing named to the model (never that channel's content). The middleware takes every threaded
 * {@code message.im} for itself and does not pass it on, so a panel message never reaches
 * {@link SlackDirectMessageListener} as well.
 */
final class SlackAssistantThreads {
    private static final Logger log = LoggerFactory.getLogger(SlackAssistantThreads.class);

    private final SlackAssistantConfig config;
    private final SlackWebApi api;
    private final SlackStreamCalls calls;
    private final SlackDeliveries deliveries;
    private final SlackMessageQuestions questions;
    private final SlackPanelContexts contexts;
    private final Workers workers;
    private final String directMessagesOff;

    /**
     * @param directMessagesOff what a new thread says instead of the greeting when direct messages are off
     *                          ({@code SLACK_ALLOW_DMS=false}: the panel's questions would all be refused); empty
     *                          when they are answered
     */
    SlackAssistantThreads(SlackAssistantConfig config, SlackWebApi api, SlackStreamCalls calls,
                          SlackDeliveries deliveries, SlackMessageQuestions questions, SlackPanelContexts contexts,
                          Workers workers, String directMessagesOff) {
        this.directMessagesOff = Objects.requireNonNull(directMessagesOff, "directMessagesOff");
        this.config = Objects.requireNonNull(config, "config");
        this.api = Objects.requireNonNull(api, "api");
        this.calls = Objects.requireNonNull(calls, "calls");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.questions = Objects.requireNonNull(questions, "questions");
        this.contexts = Objects.requireNonNull(contexts, "contexts");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /**
     * The middleware, its handlers run on {@code executor} after Bolt has acknowledged the event (Bolt's way).
     * The context of each thread (from the started and changed events) is saved by the middleware itself.
     */
    Assistant middleware(ExecutorService executor) {
        Assistant assistant = new Assistant(contexts, executor, LoggerFactory.getLogger(Assistant.class));
        assistant.threadStarted(this::started);
        assistant.threadContextChanged((payload, ctx) -> log.debug(
                "platform=slack channel={} assistant thread now beside another channel", ctx.getChannelId()));
        assistant.userMessage(this::userMessage);
        // Other bots' messages in a panel thread are not questions (the app's own never arrive: Bolt drops them).
        assistant.botMessage((payload, ctx) -> { });
        assistant.userMessageWithFiles((payload, ctx) -> log.debug(
                "platform=slack channel={} a file shared in an assistant thread is not read", ctx.getChannelId()));
        return assistant;
    }

    private void started(EventsApiPayload<AssistantThreadStartedEvent> payload, EventContext ctx) {
        if (!deliveries.firstEvent(payload.getEventId(), ctx.getRetryNum())) return;
        String channel = ctx.getChannelId();
        String thread = ctx.getThreadTs();
        boolean answering = directMessagesOff.isEmpty();
        boolean taken = workers.submit(() -> {
            try {
                api.postMessage(channel, thread, answering ? config.greeting() : directMessagesOff);
            } catch (SlackCallFailed e) {
                log.warn("platform=slack channel={} could not greet in a new assistant thread: {}", channel, e.error());
            }
            // No prompts to click when every question would be refused.
            if (!answering || config.prompts().isEmpty()) return;
            String error = calls.setSuggestedPrompts(channel, thread, "", config.prompts());
            if (!error.isEmpty()) {
                log.info("platform=slack channel={} suggested prompts not set ({}): is assistant:write granted?",
                        channel, error);
            }
        });
        if (!taken) log.info("platform=slack channel={} assistant thread opened while stopping: not greeted", channel);
    }

    private void userMessage(EventsApiPayload<MessageEvent> payload, EventContext ctx) {
        MessageEvent event = payload.getEvent();
        String user = event.getUser();
        if (user == null || user.equals(ctx.getBotUserId()) || event.getBotId() != null && !event.getBotId().isEmpty()) {
            return;
        }
        if (!deliveries.firstEvent(payload.getEventId(), ctx.getRetryNum())) return;
        String threadTs = event.getThreadTs() == null ? ctx.getThreadTs() : event.getThreadTs();
        questions.handle(SlackMessageQuestions.Asked.of(payload.getTeamId(), event.getChannel(), user, event.getText(),
                event.getTs(), threadTs, ctx).inPanel(situation(ctx.getThreadContext())));
    }

    /** The line the model is told about where the person is: the channel beside the panel, by reference only. */
    static String situation(AssistantThreadContext context) {
        if (context == null || context.getChannelId() == null || context.getChannelId().isBlank()) return "";
        String channel = context.getChannelId().strip();
        if (!channel.matches("[A-Z0-9]+")) return "";
        return "The person is viewing the Slack channel <#" + channel + "> while asking; you cannot see its messages"
                + " unless they paste them.";
    }
}
