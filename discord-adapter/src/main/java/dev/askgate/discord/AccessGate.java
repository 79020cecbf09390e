package dev.askgate.discord;

import dev.askgate.core.Caller;
import dev.askgate.core.policy.AccessPolicy;
import dev.askgate.core.policy.RefusalThrottle;

import java.util.Objects;

/**
 * Decides on JDA's event thread, before anything reaches the core, whether a caller may use the bot here
 * (core's {@link AccessPolicy}: deny wins), and whether a refused caller should be told so (core's
 * {@link RefusalThrottle}: at most once a minute per user, so that nobody can make the bot spam a channel).
 */
final class AccessGate {

    /** The verdict for one message or command. */
    enum Decision { ALLOWED, DENIED_TELL, DENIED_QUIET }

    private final AccessPolicy policy;
    private final RefusalThrottle throttle;

    AccessGate(AccessPolicy policy, RefusalThrottle throttle) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
    }

    /** @param parentChannelId the channel a thread belongs to (the channel itself otherwise) */
    Decision check(Caller caller, String parentChannelId) {
        if (policy.decide(caller, parentChannelId) instanceof AccessPolicy.Decision.Denied) {
            return throttle.shouldTell(caller.userKey()) ? Decision.DENIED_TELL : Decision.DENIED_QUIET;
        }
        return Decision.ALLOWED;
    }

    /** A caller refused before the policy was asked (a DM whose sender's guilds refuse them). */
    Decision refuse(Caller caller) {
        return throttle.shouldTell(caller.userKey()) ? Decision.DENIED_TELL : Decision.DENIED_QUIET;
    }

    /** The reason for logs (never shown to the person). */
    String reason(Caller caller, String parentChannelId) {
        return policy.decide(caller, parentChannelId) instanceof AccessPolicy.Decision.Denied(String reason)
                ? reason : "allowed";
    }
}
