package dev.askgate.discord;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.Conversation;
import dev.askgate.core.Platform;
import dev.askgate.core.dedupe.EventDedupe;
import dev.askgate.core.render.MessageTarget;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

/**
 * What every message listener does once it has recognised its kind of message: check access on JDA's event
 * thread (a refused message never reaches the core), then on a virtual thread build the question and its
 * history and answer it. The listeners supply the kind-specific parts.
 */
final class MessageQuestions {
    private static final Logger log = LoggerFactory.getLogger(MessageQuestions.class);

    /** Where a message's answer goes, and the channel whose edit budget it uses. */
    record Destination(MessageTarget target, String channelKey) {
        /** A reply to {@code message} in its own channel. */
        static Destination of(Message message) {
            return new Destination(new ChannelReplyTarget(message.getChannel(), message.getId()),
                    message.getChannel().getId());
        }
    }

    /** How a listener treats a message of its kind. */
    interface Handling {
        /** The conversation before the message (blocking REST reads are fine). */
        Conversation history(Message message, User self);

        /** Where to answer (a target that may open a thread when it first posts). */
        default Destination destination(Message message) {
            return Destination.of(message);
        }

        /** Whether a message with no question gets the usage hint (else it is ignored). */
        default boolean hintWhenEmpty() {
            return true;
        }
    }

    private final Answerer answerer;
    private final AccessGate gate;
    private final SecretNotice secrets;
    private final ExecutorService workers;
    private final DiscordWording wording;
    private final EventDedupe dedupe;
    private final DirectMessageMembership membership;

    MessageQuestions(Answerer answerer, AccessGate gate, DirectMessageMembership membership, SecretNotice secrets,
                     DiscordWording wording, EventDedupe dedupe, ExecutorService workers) {
        this.membership = Objects.requireNonNull(membership, "membership");
        this.answerer = Objects.requireNonNull(answerer, "answerer");
        this.wording = Objects.requireNonNull(wording, "wording");
        this.dedupe = Objects.requireNonNull(dedupe, "dedupe");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /** Called on JDA's event thread: decides quickly and hands the work to a virtual thread. */
    void handle(Message message, Handling handling) {
        if (!dedupe.firstSeen("discord:message:" + message.getId())) return; // replayed after a resume
        Caller caller = callerOf(message);
        if (message.getChannelType() == ChannelType.PRIVATE && membership.matters()) {
            // A DM carries no guild or roles: the sender's membership in the bot's guilds is looked up (REST).
            submit(message, () -> membership.rolesOf(message.getAuthor(), message.getJDA()).ifPresentOrElse(
                    roles -> decide(message, new Caller(caller.platform(), caller.workspaceId(), caller.channelId(),
                            caller.userId(), roles), handling),
                    () -> tellRefused(message, caller, gate.refuse(caller), "refused in the guilds the DM's sender shares")));
            return;
        }
        decide(message, caller, handling);
    }

    private void decide(Message message, Caller caller, Handling handling) {
        String parent = message.getChannelType().isThread()
                ? message.getChannel().asThreadChannel().getParentChannel().getId() : caller.channelId();
        AccessGate.Decision decision = gate.check(caller, parent);
        if (decision == AccessGate.Decision.ALLOWED) {
            submit(message, () -> answer(message, caller, handling));
        } else {
            tellRefused(message, caller, decision, gate.reason(caller, parent));
        }
    }

    private void tellRefused(Message message, Caller caller, AccessGate.Decision decision, String reason) {
        if (decision == AccessGate.Decision.DENIED_TELL) {
            log.info("platform=discord channel={} user={} refused by the access policy: {}", caller.channelId(),
                    caller.userId(), reason);
            submit(message, () -> reply(message, wording.notAllowed()));
        } else {
            log.debug("platform=discord channel={} user={} refused again (not told)", caller.channelId(),
                    caller.userId());
        }
    }

    private void answer(Message message, Caller caller, Handling handling) {
        User self = message.getJDA().getSelfUser();
        String question = MentionText.question(message, self);
        if (question.isBlank()) {
            if (handling.hintWhenEmpty()) reply(message, DiscordWording.USAGE);
            return;
        }
        String requestId = "discord-" + message.getId();
        showTyping(message);
        Conversation history = handling.history(message, self);
        Destination to = handling.destination(message);
        answerer.answer(new ChatRequest(requestId, caller, history, question), to.target(), to.channelKey(),
                notice -> secrets.tell(message, notice));
    }

    /** Typing shows at once that the question was taken, before the history reads that may take a while. */
    private static void showTyping(Message message) {
        try {
            message.getChannel().sendTyping().complete();
        } catch (RuntimeException e) {
            log.debug("platform=discord channel={} typing indicator failed: {}", message.getChannel().getId(),
                    DiscordErrors.describe(e));
        }
    }

    private void reply(Message message, String text) {
        try {
            new ChannelReplyTarget(message.getChannel(), message.getId()).post(text);
        } catch (RuntimeException e) {
            log.warn("platform=discord channel={} could not reply: {}", message.getChannel().getId(),
                    DiscordErrors.describe(e));
        }
    }

    private void submit(Message message, Runnable work) {
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    // Discord refused a call the answer could not do without (a thread, a history read ...).
                    log.warn("request=discord-{} platform=discord channel={} not answered: {}", message.getId(),
                            message.getChannel().getId(), DiscordErrors.describe(e));
                }
            });
        } catch (RejectedExecutionException e) {
            log.info("platform=discord channel={} message ignored: shutting down", message.getChannel().getId());
        }
    }

    static Caller callerOf(Message message) {
        Member member = message.isFromGuild() ? message.getMember() : null;
        Set<String> roles = member == null ? Set.of()
                : member.getRoles().stream().map(Role::getId).collect(Collectors.toUnmodifiableSet());
        return new Caller(Platform.DISCORD, message.isFromGuild() ? message.getGuild().getId() : "",
                message.getChannel().getId(), message.getAuthor().getId(), roles);
    }
}
