package dev.askgate.discord;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.Conversation;
import dev.askgate.core.Platform;
import dev.askgate.core.guard.SecretGuard;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;

/**
 * Answers {@code /ask question:<text>}: deferred at once on JDA's event thread (Discord wants an acknowledgement
 * within 3 s), then answered on a virtual thread by editing the deferred response; a long answer continues in
 * follow-up messages. A refused user gets a private (ephemeral) reply.
 */
final class AskCommandListener extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AskCommandListener.class);

    static final String RESTARTING = "I'm restarting right now. Please ask again in a minute.";

    private final Answerer answerer;
    private final AccessGate gate;
    private final DiscordWording wording;
    private final ExecutorService workers;
    private final boolean allowDms;
    private final SecretGuard secrets;
    private final DirectMessageMembership membership;

    AskCommandListener(Answerer answerer, AccessGate gate, DirectMessageMembership membership, DiscordWording wording,
                       ExecutorService workers, boolean allowDms, SecretGuard secrets) {
        this.membership = Objects.requireNonNull(membership, "membership");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.answerer = Objects.requireNonNull(answerer, "answerer");
        this.wording = Objects.requireNonNull(wording, "wording");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.workers = Objects.requireNonNull(workers, "workers");
        this.allowDms = allowDms;
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        if (!AskCommand.NAME.equals(event.getName()) || event.getUser().isBot()) return;
        if (workers.isShutdown()) {
            event.reply(QuietMessages.create(RESTARTING)).setEphemeral(true).queue(ok -> { }, failed -> { });
            return;
        }
        if (event.getChannelType() == ChannelType.PRIVATE && !allowDms) {
            event.reply(QuietMessages.create(DirectMessageListener.DMS_OFF)).setEphemeral(true).queue(ok -> { }, failed -> { });
            return;
        }
        Caller caller = callerOf(event);
        if (event.getChannelType() == ChannelType.PRIVATE && membership.matters()) {
            answerDirect(event, caller);
            return;
        }
        String parent = event.getChannelType().isThread()
                ? event.getChannel().asThreadChannel().getParentChannel().getId() : caller.channelId();
        if (gate.check(caller, parent) != AccessGate.Decision.ALLOWED) {
            log.info("platform=discord channel={} user={} /ask refused by the access policy: {}",
                    caller.channelId(), caller.userId(), gate.reason(caller, parent));
            // An ephemeral reply is seen by the user alone, so it cannot spam the channel; it is always sent
            // because Discord shows "the application did not respond" for an unanswered command.
            event.reply(QuietMessages.create(wording.notAllowed())).setEphemeral(true).queue(ok -> { }, failed -> { });
            return;
        }
        String question = Optional.ofNullable(event.getOption(AskCommand.OPTION)).map(OptionMapping::getAsString)
                .orElse("");
        String requestId = "discord-" + event.getId();
        // The response to a command is public and shows the command's options: a question the core will refuse
        // for holding a secret is answered privately from the start.
        boolean ephemeral = secrets.findSecret(question).isPresent();
        event.deferReply(ephemeral).queue(
                hook -> submit(requestId, () -> answer(hook, ephemeral, new ChatRequest(requestId, caller,
                        Conversation.empty(), question))),
                failed -> log.warn("request={} platform=discord /ask could not be deferred: {}", requestId,
                        DiscordErrors.describe(failed)));
    }

    /**
     * {@code /ask} in a DM while guild or role lists are set: deferred first (the membership lookup may take
     * longer than Discord's 3 s), then judged by the sender's membership in the bot's guilds. A DM is private,
     * so the refusal needs no ephemeral reply.
     */
    private void answerDirect(SlashCommandInteractionEvent event, Caller caller) {
        String question = Optional.ofNullable(event.getOption(AskCommand.OPTION)).map(OptionMapping::getAsString)
                .orElse("");
        String requestId = "discord-" + event.getId();
        event.deferReply().queue(hook -> submit(requestId, () -> {
            Optional<Caller> member = membership.rolesOf(event.getUser(), event.getJDA()).map(roles ->
                    new Caller(caller.platform(), caller.workspaceId(), caller.channelId(), caller.userId(), roles));
            if (member.isPresent() && gate.check(member.get(), caller.channelId()) == AccessGate.Decision.ALLOWED) {
                answer(hook, true, new ChatRequest(requestId, member.get(), Conversation.empty(), question));
            } else {
                log.info("platform=discord channel={} user={} /ask in a DM refused by the guild and role lists",
                        caller.channelId(), caller.userId());
                hook.editOriginal(QuietMessages.edit(wording.notAllowed())).complete();
            }
        }), failed -> log.warn("request={} platform=discord /ask could not be deferred: {}", requestId,
                DiscordErrors.describe(failed)));
    }

    private void answer(InteractionHook hook, boolean ephemeral, ChatRequest request) {
        InteractionReplyTarget target = new InteractionReplyTarget(hook);
        if (request.question().isBlank()) {
            target.post(DiscordWording.USAGE);
            return;
        }
        answerer.answer(request, target, request.caller().channelId(), notice -> tellPrivately(hook, ephemeral, notice));
    }

    /** The secret notice, seen by the asker alone: a public deferred response is deleted first. */
    private static void tellPrivately(InteractionHook hook, boolean ephemeral, String notice) {
        try {
            if (ephemeral) {
                hook.editOriginal(QuietMessages.edit(notice)).complete();
            } else {
                hook.deleteOriginal().complete();
                hook.sendMessage(QuietMessages.create(notice)).setEphemeral(true).complete();
            }
        } catch (RuntimeException e) {
            log.warn("platform=discord /ask secret notice not sent: {}", DiscordErrors.describe(e));
        }
    }

    private void submit(String requestId, Runnable work) {
        try {
            workers.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.warn("request={} platform=discord /ask not answered: {}", requestId, DiscordErrors.describe(e));
                }
            });
        } catch (RejectedExecutionException e) {
            log.info("request={} platform=discord /ask dropped: shutting down", requestId);
        }
    }

    private static Caller callerOf(SlashCommandInteractionEvent event) {
        Set<String> roles = event.getMember() == null ? Set.of()
                : event.getMember().getRoles().stream().map(Role::getId).collect(Collectors.toUnmodifiableSet());
        return new Caller(Platform.DISCORD, event.getGuild() == null ? "" : event.getGuild().getId(),
                event.getChannelId(), event.getUser().getId(), roles);
    }
}
