package dev.askgate.discord;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.Conversation;
import dev.askgate.core.Platform;
import dev.askgate.core.Refusal;
import dev.askgate.core.admission.Admission;
import dev.askgate.core.admission.Place;
import dev.askgate.core.admission.Verdict;
import dev.askgate.core.dedupe.EventDedupe;
import dev.askgate.core.render.MessageTarget;
import dev.askgate.core.render.ReplyFlow;
import dev.askgate.core.render.ReplyPlace;
import dev.askgate.core.work.Workers;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What happens to a message once its kind is known: core's admission decides on JDA's event thread (a refused
 * message never reaches the model), then on a virtual thread the question's history is read and it is answered.
 * The kinds supply their parts through {@link Handling}.
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

    /** How a kind of message is treated. */
    interface Handling {
        /** The conversation before the message (blocking REST reads are fine). */
        Conversation history(Message message, User self);

        /** Whether {@link #history} reads from Discord for this message (else it has all it needs at hand). */
        default boolean readsHistory(Message message) {
            return true;
        }

        /** Where to answer (a target that may open a thread when it first posts). */
        default Destination destination(Message message) {
            return Destination.of(message);
        }

        /** Whether a message with no question gets the usage hint (else it is ignored). */
        default boolean hintWhenEmpty() {
            return true;
        }
    }

    private final ReplyFlow flow;
    private final DiscordPresenter presenter;
    private final Admission admission;
    private final SecretNotice secrets;
    private final Workers workers;
    private final DiscordWording wording;
    private final EventDedupe dedupe;
    private final DiscordMemberships memberships;

    MessageQuestions(ReplyFlow flow, DiscordPresenter presenter, Admission admission, DiscordMemberships memberships,
                     SecretNotice secrets, DiscordWording wording, EventDedupe dedupe, Workers workers) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.presenter = Objects.requireNonNull(presenter, "presenter");
        this.admission = Objects.requireNonNull(admission, "admission");
        this.memberships = Objects.requireNonNull(memberships, "memberships");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.wording = Objects.requireNonNull(wording, "wording");
        this.dedupe = Objects.requireNonNull(dedupe, "dedupe");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    /** Called on JDA's event thread: decides quickly and hands the work to a virtual thread. */
    void handle(Message message, Handling handling) {
        if (!dedupe.firstSeen("discord:message:" + message.getId())) return; // replayed after a resume
        Caller caller = callerOf(message);
        String question = MentionText.question(message, message.getJDA().getSelfUser());
        Place place = placeOf(message);
        if (admission.needsMemberships(place)) {
            // A DM carries no guild or roles: the sender's memberships in the bot's guilds are looked up (REST).
            submit(message, () -> decide(message, caller, question,
                    Place.directMessage(memberships.of(message.getAuthor(), message.getJDA())), handling));
            return;
        }
        decide(message, caller, question, place, handling);
    }

    private void decide(Message message, Caller caller, String question, Place place, Handling handling) {
        switch (admission.admit(caller, question, place)) {
            case Verdict.Admitted admitted -> submit(message, () -> answer(message, admitted, handling));
            case Verdict.Refused refused when refused.tell() -> submit(message, () -> tell(message, refused, handling));
            case Verdict.Refused refused -> { }
        }
    }

    /** A refusal in Discord's words: a secret privately, the hint only where a question was expected. */
    private void tell(Message message, Verdict.Refused refused, Handling handling) {
        switch (refused.refusal()) {
            case Refusal.SecretInQuestion secret -> secrets.tell(message, wording.refusal(secret));
            case Refusal.EmptyQuestion empty -> {
                if (handling.hintWhenEmpty()) reply(message, DiscordWording.USAGE);
            }
            // A DM is its own place: the notice needs no reply reference.
            case Refusal.DirectMessagesOff off -> send(message, wording.refusal(off));
            case Refusal.NotAllowed notAllowed -> reply(message, wording.refusal(notAllowed));
            case Refusal.QuestionTooLong tooLong -> reply(message, wording.refusal(tooLong));
            case Refusal.AnswerWithheld withheld -> reply(message, wording.refusal(withheld));
            case Refusal.OverBudget over -> reply(message, wording.refusal(over));
            case Refusal.SpendingUnknown unknown -> reply(message, wording.refusal(unknown));
        }
    }

    private void answer(Message message, Verdict.Admitted admitted, Handling handling) {
        User self = message.getJDA().getSelfUser();
        String requestId = "discord-" + message.getId();
        if (handling.readsHistory(message)) showTyping(message);
        Conversation history = handling.history(message, self);
        Destination to = handling.destination(message);
        flow.answer(new ChatRequest(requestId, admitted.caller(), history, admitted.question()), presenter,
                new ReplyPlace(to.target(), to.channelKey(), notice -> secrets.tell(message, notice)));
    }

    private static Place placeOf(Message message) {
        if (message.getChannelType() == ChannelType.PRIVATE) return Place.directMessage();
        return Place.channel(message.getChannelType().isThread()
                ? message.getChannel().asThreadChannel().getParentChannel().getId() : message.getChannel().getId());
    }

    /**
     * Typing shows at once that the question was taken, before history reads from Discord that may take a while
     * (it is waited for, so that it shows first). Without such reads the core shows it, without waiting, when the
     * answer has not appeared half a second after the question was accepted: a round trip to Discord here delayed
     * every answer's first words.
     */
    private static void showTyping(Message message) {
        try {
            message.getChannel().sendTyping().complete();
        } catch (RuntimeException e) {
            log.debug("platform=discord channel={} typing indicator failed: {}", message.getChannel().getId(),
                    DiscordErrors.describe(e));
        }
    }

    private static void send(Message message, String text) {
        try {
            message.getChannel().sendMessage(QuietMessages.create(text)).complete();
        } catch (RuntimeException e) {
            log.debug("platform=discord channel={} could not send a notice: {}", message.getChannel().getId(),
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
        boolean taken = workers.submit(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                // Discord refused a call the answer could not do without (a thread, a history read ...).
                log.warn("request=discord-{} platform=discord channel={} not answered: {}", message.getId(),
                        message.getChannel().getId(), DiscordErrors.describe(e));
            }
        });
        if (!taken) log.info("platform=discord channel={} message ignored: shutting down", message.getChannel().getId());
    }

    static Caller callerOf(Message message) {
        Member member = message.isFromGuild() ? message.getMember() : null;
        Set<String> roles = member == null ? Set.of()
                : member.getRoles().stream().map(Role::getId).collect(Collectors.toUnmodifiableSet());
        return new Caller(Platform.DISCORD, message.isFromGuild() ? message.getGuild().getId() : "",
                message.getChannel().getId(), message.getAuthor().getId(), roles);
    }
}
