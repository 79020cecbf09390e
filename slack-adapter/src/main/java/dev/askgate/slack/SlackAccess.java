package dev.askgate.slack;

import dev.askgate.core.Caller;
import dev.askgate.core.policy.AccessPolicy;
import dev.askgate.core.policy.RefusalThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may use the bot where (the core's {@link AccessPolicy} over the {@code SLACK_ALLOWED_*} and
 * {@code SLACK_DENIED_*} lists), and whether a refused person should be told again now (the core's
 * {@link RefusalThrottle}, so that repeated mentions do not fill a thread with refusals).
 */
final class SlackAccess {
    private static final Logger log = LoggerFactory.getLogger(SlackAccess.class);

    private final AccessPolicy policy;
    private final RefusalThrottle throttle;

    SlackAccess(AccessPolicy policy, RefusalThrottle throttle) {
        this.policy = policy;
        this.throttle = throttle;
    }

    boolean allows(Caller caller) {
        if (policy.decide(caller) instanceof AccessPolicy.Decision.Denied denied) {
            log.info("platform=slack channel={} user={} refused: {}", caller.channelId(), caller.userId(), denied.reason());
            return false;
        }
        return true;
    }

    /** Whether to tell {@code caller} about a refusal now (at most once a minute per person). */
    boolean shouldTell(Caller caller) {
        return throttle.shouldTell(caller.userKey());
    }
}
