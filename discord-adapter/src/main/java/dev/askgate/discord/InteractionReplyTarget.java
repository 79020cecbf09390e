package dev.askgate.discord;

import dev.askgate.core.render.MessageTarget;
import net.dv8tion.jda.api.interactions.InteractionHook;

import java.util.Objects;

/**
 * An answer to a deferred slash command: the first part replaces the deferred ("thinking") response, further
 * parts are follow-up messages. Interaction tokens last 15 minutes, far beyond an answer.
 */
final class InteractionReplyTarget implements MessageTarget {
    private final InteractionHook hook;
    private volatile String originalId = "";

    InteractionReplyTarget(InteractionHook hook) {
        this.hook = Objects.requireNonNull(hook, "hook");
    }

    @Override
    public String post(String text) {
        String id = hook.editOriginal(QuietMessages.edit(text)).complete().getId();
        originalId = id;
        return id;
    }

    @Override
    public String postContinuation(String previousId, String text) {
        return hook.sendMessage(QuietMessages.create(text)).complete().getId();
    }

    @Override
    public void edit(String messageId, String text) {
        if (messageId.equals(originalId)) {
            hook.editOriginal(QuietMessages.edit(text)).complete();
        } else {
            hook.editMessageById(messageId, QuietMessages.edit(text)).complete();
        }
    }
}
