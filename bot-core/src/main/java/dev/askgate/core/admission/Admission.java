package dev.askgate.core.admission;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatConfig;
import dev.askgate.core.Refusal;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.policy.AccessPolicy;
import dev.askgate.core.policy.AccessRules;
import dev.askgate.core.policy.RefusalThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether a question is taken, decided once for every platform in one fast call that is safe on a platform's
 * event thread (no I/O): a short ordered chain of steps, each of which may stop the question —
 * direct-message switch, allow and deny lists (with the refusal throttle), a direct message's memberships, empty,
 * too long, secret guard. The next step of spend control (a budget reservation) joins the end of the chain.
 */
public final class Admission {
    private static final Logger log = LoggerFactory.getLogger(Admission.class);

    /** What a step sees: the question so far, and the caller as admission knows them by then. */
    record Asked(Caller caller, String question, Place place) { }

    /** One step: stops the question with a verdict, or passes it on (perhaps with more known about the caller). */
    sealed interface Step {
        record Pass(Asked asked) implements Step { }

        record Stop(Verdict.Refused refused) implements Step { }
    }

    private final AccessPolicy policy;
    private final MembershipRules memberships;
    private final boolean directMessages;
    private final RefusalThrottle accessNotices;
    private final RefusalThrottle directMessageNotices;
    private final SecretGuard guard;
    private final ContextWindow window;
    private final String systemPrompt;
    private final List<Function<Asked, Step>> chain;

    /**
     * @param directMessages       whether direct messages are answered at all
     * @param accessNotices        how often a refused person is told (once a minute, say)
     * @param directMessageNotices how often a person writing in a direct message while they are off is told
     * @param window               counts the question, with {@code systemPrompt}, against the context budget
     */
    public Admission(AccessPolicy policy, boolean directMessages, RefusalThrottle accessNotices,
                     RefusalThrottle directMessageNotices, SecretGuard guard, ContextWindow window,
                     String systemPrompt) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.memberships = new MembershipRules(policy.rules());
        this.directMessages = directMessages;
        this.accessNotices = Objects.requireNonNull(accessNotices, "accessNotices");
        this.directMessageNotices = Objects.requireNonNull(directMessageNotices, "directMessageNotices");
        this.guard = Objects.requireNonNull(guard, "guard");
        this.window = Objects.requireNonNull(window, "window");
        this.systemPrompt = systemPrompt == null ? "" : systemPrompt;
        this.chain = List.of(this::directMessageSwitch, this::accessLists, this::directMessageMemberships,
                this::emptyQuestion, this::questionLength, this::secretGuard);
    }

    /**
     * The usual admission of a platform: its access rules and direct-message switch, a refused person told at most
     * once a minute (the direct-messages-off notice once an hour), the secret guard, and the question counted with
     * the chat settings' system prompt in {@code window}.
     */
    public Admission(AccessRules rules, boolean directMessages, ChatConfig settings, ContextWindow window,
                     Clock clock) {
        this(new AccessPolicy(rules), directMessages, RefusalThrottle.perMinute(clock),
                new RefusalThrottle(Duration.ofHours(1), clock), new SecretGuard(), window, settings.systemPrompt());
    }

    /**
     * Whether the adapter must look up a direct message's sender's memberships (a blocking lookup, so on a worker)
     * and pass them in {@link Place#directMessage(Place.Memberships)} before asking.
     */
    public boolean needsMemberships(Place place) {
        return place.direct() && directMessages && memberships.matter();
    }

    /** The verdict for {@code question} from {@code caller} at {@code place}. */
    public Verdict admit(Caller caller, String question, Place place) {
        Asked asked = new Asked(Objects.requireNonNull(caller, "caller"),
                Objects.requireNonNull(question, "question").strip(), Objects.requireNonNull(place, "place"));
        for (var step : chain) {
            switch (step.apply(asked)) {
                case Step.Pass pass -> asked = pass.asked();
                case Step.Stop stop -> {
                    return stop.refused();
                }
            }
        }
        return new Verdict.Admitted(asked.caller(), asked.question());
    }

    private Step directMessageSwitch(Asked asked) {
        if (!asked.place().direct() || directMessages) return new Step.Pass(asked);
        boolean tell = directMessageNotices.shouldTell(asked.caller().userKey());
        return stop(new Refusal.DirectMessagesOff(), tell);
    }

    private Step accessLists(Asked asked) {
        // A direct message carries no roles: the role lists can judge it only with its memberships, next.
        if (asked.place().direct() && memberships.matter()) return new Step.Pass(asked);
        return decideAccess(asked);
    }

    private Step decideAccess(Asked asked) {
        Caller caller = asked.caller();
        if (policy.decide(caller, asked.place().parentChannelId()) instanceof AccessPolicy.Decision.Denied(String why)) {
            return refusedAccess(caller, why);
        }
        return new Step.Pass(asked);
    }

    private Step directMessageMemberships(Asked asked) {
        if (!asked.place().direct() || !memberships.matter()) return new Step.Pass(asked);
        Caller caller = asked.caller();
        return switch (asked.place().memberships()) {
            // A direct message whose sender's memberships were never looked up cannot be judged by the lists.
            case Place.Memberships.NotLookedUp ignored -> refusedAccess(caller, "memberships were not looked up");
            case Place.Memberships.Unknown unknown -> refusedAccess(caller, "memberships unknown: " + unknown.reason());
            case Place.Memberships.Known known -> memberships.rolesOf(caller.userId(), known.memberships())
                    .<Step>map(roles -> withRoles(asked, roles))
                    .orElseGet(() -> refusedAccess(caller, "refused in the workspaces the sender shares"));
        };
    }

    /** The roles held where the sender is allowed count for the role lists, which are checked again with them. */
    private Step withRoles(Asked asked, Set<String> roles) {
        Caller c = asked.caller();
        Caller withRoles = new Caller(c.platform(), c.workspaceId(), c.channelId(), c.userId(), roles);
        return decideAccess(new Asked(withRoles, asked.question(), asked.place()));
    }

    private Step emptyQuestion(Asked asked) {
        return asked.question().isEmpty() ? stop(new Refusal.EmptyQuestion(), true) : new Step.Pass(asked);
    }

    private Step questionLength(Asked asked) {
        // On the event thread: the byte bound passes ordinary questions without loading the tokenizer here (a
        // third of a second at its first use); only a question near the limit is counted exactly.
        Optional<ContextWindow.Fit.TooLong> tooLong = window.tooLong(systemPrompt, asked.question());
        if (tooLong.isPresent()) {
            int tokens = tooLong.get().tokens();
            int limit = tooLong.get().limit();
            log.info("platform={} channel={} refused: question of {} tokens exceeds {}", asked.caller().platform(),
                    asked.caller().channelId(), tokens, limit);
            return stop(new Refusal.QuestionTooLong(tokens, limit), true);
        }
        return new Step.Pass(asked);
    }

    private Step secretGuard(Asked asked) {
        Optional<String> secret = guard.findSecret(asked.question());
        if (secret.isEmpty()) return new Step.Pass(asked);
        log.warn("platform={} channel={} refused: the question contains {}", asked.caller().platform(),
                asked.caller().channelId(), secret.get());
        return stop(new Refusal.SecretInQuestion(secret.get()), true);
    }

    private Step refusedAccess(Caller caller, String why) {
        boolean tell = accessNotices.shouldTell(caller.userKey());
        if (tell) {
            log.info("platform={} channel={} user={} refused by the access policy: {}", caller.platform(),
                    caller.channelId(), caller.userId(), why);
        } else {
            log.debug("platform={} channel={} user={} refused again (not told)", caller.platform(),
                    caller.channelId(), caller.userId());
        }
        return stop(new Refusal.NotAllowed(), tell);
    }

    private static Step stop(Refusal refusal, boolean tell) {
        return new Step.Stop(new Verdict.Refused(refusal, tell));
    }
}
