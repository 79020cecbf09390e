package dev.askgate.discord;

import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one listener for messages: computes what kind of message it is once, and hands it to that kind's handling.
 * The routes are data, so every kind goes through the same admission and answer path.
 */
final class DiscordMessageListener extends ListenerAdapter {
    private final MessageQuestions questions;
    private final Map<MessageKind, MessageQuestions.Handling> routes;

    /** @param routes a handling for every kind but {@link MessageKind#IGNORED} */
    DiscordMessageListener(MessageQuestions questions, Map<MessageKind, MessageQuestions.Handling> routes) {
        this.questions = Objects.requireNonNull(questions, "questions");
        this.routes = new EnumMap<>(routes);
        for (MessageKind kind : MessageKind.values()) {
            if (kind != MessageKind.IGNORED && !this.routes.containsKey(kind)) {
                throw new IllegalArgumentException("no handling for " + kind);
            }
        }
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        Message message = event.getMessage();
        MessageKind kind = MessageKind.of(message, event.getJDA().getSelfUser());
        if (kind == MessageKind.IGNORED) return;
        questions.handle(message, routes.get(kind));
    }
}
