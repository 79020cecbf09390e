package dev.askgate.discord;

import dev.askgate.core.Conversation;
import dev.askgate.core.Role;
import dev.askgate.core.Turn;
import dev.askgate.core.render.Presenter;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageReference;
import net.dv8tion.jda.api.entities.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The conversation a reply continues: the chain of messages it replies to, followed back through their
 * references (Discord includes one level in every message, fetched ones too; only the missing ones are
 * fetched), at most {@code maxMessages}, oldest first. The bot's own messages become assistant turns, as the
 * {@link Presenter} reads them back (without the notes it adds for people: usage hints, refusals, errors);
 * consecutive parts of one long answer become one turn. Blocks on REST fetches: call it on a virtual thread.
 */
final class ReplyChain {
    private static final Logger log = LoggerFactory.getLogger(ReplyChain.class);

    private final int maxMessages;
    private final Presenter presenter;

    ReplyChain(int maxMessages, Presenter presenter) {
        this.maxMessages = maxMessages;
        this.presenter = Objects.requireNonNull(presenter, "presenter");
    }

    /** The history before {@code message} (which is not part of it). */
    Conversation before(Message message, User self) {
        List<Message> chain = new ArrayList<>();
        Message known = message.getReferencedMessage();
        MessageReference pending = message.getMessageReference();
        while (chain.size() < maxMessages && pending != null) {
            Message current = known != null ? known : fetch(pending, message).orElse(null);
            if (current == null) break;
            chain.add(current);
            known = current.getReferencedMessage();
            pending = current.getMessageReference();
        }
        Collections.reverse(chain);
        return toConversation(chain, self, presenter);
    }

    /** Whether {@link #before} has to fetch a message from Discord (the references included do not reach far enough). */
    boolean fetches(Message message) {
        Message known = message.getReferencedMessage();
        MessageReference pending = message.getMessageReference();
        for (int found = 0; found < maxMessages && pending != null; found++) {
            if (known == null) return true;
            pending = known.getMessageReference();
            known = known.getReferencedMessage();
        }
        return false;
    }

    static Conversation toConversation(List<Message> oldestFirst, User self, Presenter presenter) {
        List<Turn> turns = new ArrayList<>();
        for (Message m : oldestFirst) {
            boolean mine = m.getAuthor().getIdLong() == self.getIdLong();
            String text = mine ? presenter.answerIn(m.getContentRaw()) : MentionText.question(m, self);
            if (text.isBlank()) continue;
            if (mine && !turns.isEmpty() && turns.getLast().role() == Role.ASSISTANT) {
                turns.set(turns.size() - 1, Turn.assistant(presenter.joinParts(turns.getLast().text(), text)));
            } else {
                turns.add(mine ? Turn.assistant(text) : Turn.user(text));
            }
        }
        return new Conversation(turns);
    }

    private Optional<Message> fetch(MessageReference reference, Message origin) {
        try {
            return Optional.of(origin.getChannel().retrieveMessageById(reference.getMessageId()).complete());
        } catch (RuntimeException e) {
            // A deleted or unreadable message (no Read Message History: refused before or by Discord) ends the
            // chain; the question is answered with what was found.
            log.debug("channel={} reply chain stops at {}: {}", origin.getChannel().getId(),
                    reference.getMessageId(), DiscordErrors.describe(e));
            return Optional.empty();
        }
    }
}
