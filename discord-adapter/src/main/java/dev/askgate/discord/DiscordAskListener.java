package dev.askgate.discord;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.Conversation;
import dev.askgate.core.Platform;
import dev.askgate.core.Refusal;
import dev.askgate.core.admission.Admission;
import dev.askgate.core.admission.Place;
import dev.askgate.core.admission.Verdict;
import dev.askgate.core.render.ReplyFlow;
import dev.askgate.core.render.ReplyPlace;
import dev.askgate.core.work.Workers;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Answers {@code /ask question:<text>}: judged by core's admission on JDA's event thread, deferred at once (Discord
 * wants an acknowledgement within 3 s), then answered on a virtual thread by editing the deferred response; a long
 * answer continues in follow-up messages. A refusal is a private (ephemeral) reply, always sent, because Discord
 * shows "the application did not respond" for an unanswered command and an ephemeral reply cannot spam a channel.
 */
final class DiscordAskListener extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(DiscordAskListener.class);

    static final String RESTARTING = "I'm restarting right now. Please ask again in a minute.";

    private final ReplyFlow flow;
    private final DiscordPresenter presenter;
    private final Admission admission;
    private final DiscordMemberships memberships;
    private final DiscordWording wording;
    private final Workers workers;

    DiscordAskListener(ReplyFlow flow, DiscordPresenter presenter, Admission admission, DiscordMemberships memberships,
                       DiscordWording wording, Workers workers) {
        this.flow = Objects.requireNonNull(flow, "flow");
        this.presenter = Objects.requireNonNull(presenter, "presenter");
        this.admission = Objects.requireNonNull(admission, "admission");
        this.memberships = Objects.requireNonNull(memberships, "memberships");
        this.wording = Objects.requireNonNull(wording, "wording");
        this.workers = Objects.requireNonNull(workers, "workers");
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!DiscordAskCommand.NAME.equals(event.getName()) || event.getUser().isBot()) return;
        if (workers.stopping()) {
            event.reply(QuietMessages.create(RESTARTING)).setEphemeral(true).queue(ok -> { }, failed -> { });
            return;
        }
        Caller caller = callerOf(event);
        String question = Optional.ofNullable(event.getOption(DiscordAskCommand.OPTION)).map(OptionMapping::getAsString)
                .orElse("");
        String requestId = "discord-" + event.getId();
        Place place = placeOf(event);
        if (admission.needsMemberships(place)) {
            answerDirect(event, caller, question, requestId);
            return;
        }
        switch (admission.admit(caller, question, place)) {
            case Verdict.Admitted admitted -> event.deferReply().queue(
                    hook -> submit(requestId, () -> answer(hook, request(requestId, admitted))),
                    failed -> log.warn("request={} platform=discord /ask could not be deferred: {}", requestId,
                            DiscordErrors.describe(failed)));
            case Verdict.Refused refused -> event.reply(QuietMessages.create(words(refused))).setEphemeral(true)
                    .queue(ok -> { }, failed -> { });
        }
    }

    /**
     * {@code /ask} in a DM while guild or role lists are set: deferred first (the membership lookup may take
     * longer than Discord's 3 s), then judged with the sender's memberships in the bot's guilds. A DM is private,
     * so the refusal needs no ephemeral reply.
     */
    private void answerDirect(SlashCommandInteractionEvent event, Caller caller, String question, String requestId) {
        event.deferReply().queue(hook -> submit(requestId, () -> {
            Place place = Place.directMessage(memberships.of(event.getUser(), event.getJDA()));
            switch (admission.admit(caller, question, place)) {
                case Verdict.Admitted admitted -> answer(hook, request(requestId, admitted));
                case Verdict.Refused refused -> hook.editOriginal(QuietMessages.edit(words(refused))).complete();
            }
        }), failed -> log.warn("request={} platform=discord /ask could not be deferred: {}", requestId,
                DiscordErrors.describe(failed)));
    }

    private String words(Verdict.Refused refused) {
        return refused.refusal() instanceof Refusal.EmptyQuestion ? DiscordWording.USAGE
                : wording.refusal(refused.refusal());
    }

    private static ChatRequest request(String requestId, Verdict.Admitted admitted) {
        return new ChatRequest(requestId, admitted.caller(), Conversation.empty(), admitted.question());
    }

    private static Place placeOf(SlashCommandInteractionEvent event) {
        if (event.getChannelType() == ChannelType.PRIVATE) return Place.directMessage();
        return Place.channel(event.getChannelType().isThread()
                ? event.getChannel().asThreadChannel().getParentChannel().getId() : event.getChannelId());
    }

    private void answer(InteractionHook hook, ChatRequest request) {
        // A refusal the core makes after admission (a budget reached) is told to the asker alone, like admission's.
        flow.answer(request, presenter, new ReplyPlace(new InteractionReplyTarget(hook), request.caller().channelId(),
                notice -> tellPrivately(hook, notice), true));
    }

    /**
     * A secret or a refusal found after admission (in the answer path) is told to the asker alone: the public
     * deferred response is deleted first.
     */
    private static void tellPrivately(InteractionHook hook, String notice) {
        try {
            hook.deleteOriginal().complete();
            hook.sendMessage(QuietMessages.create(notice)).setEphemeral(true).complete();
        } catch (RuntimeException e) {
            log.warn("platform=discord /ask private notice not sent: {}", DiscordErrors.describe(e));
        }
    }

    private void submit(String requestId, Runnable work) {
        boolean taken = workers.submit(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("request={} platform=discord /ask not answered: {}", requestId, DiscordErrors.describe(e));
            }
        });
        if (!taken) log.info("request={} platform=discord /ask dropped: shutting down", requestId);
    }

    static Caller callerOf(SlashCommandInteractionEvent event) {
        Set<String> roles = event.getMember() == null ? Set.of()
                : event.getMember().getRoles().stream().map(Role::getId).collect(Collectors.toUnmodifiableSet());
        return new Caller(Platform.DISCORD, event.getGuild() == null ? "" : event.getGuild().getId(),
                event.getChannelId(), event.getUser().getId(), roles);
    }
}
