package dev.askgate.core.policy;

import dev.askgate.core.Caller;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a caller may use the bot, from {@link AccessRules}:
 * <ol>
 *   <li>a deny wins: a denied user, any denied role, a denied channel (or its parent) or workspace refuses;</li>
 *   <li>where: a non-empty allowed-workspaces set must hold the workspace, a non-empty allowed-channels set
 *       the channel or its parent (a thread in an allowed channel is allowed). A direct message (no workspace)
 *       is not judged by these two sets; the adapter decides whether direct messages are enabled at all;</li>
 *   <li>who: when allowed users or allowed roles are set, the caller must be one of the users or have one of
 *       the roles.</li>
 * </ol>
 */
public final class AccessPolicy {
    private final AccessRules rules;

    /** The policy's answer; {@code reason} is for logs, never shown to the person. */
    public sealed interface Decision {
        record Allowed() implements Decision { }

        record Denied(String reason) implements Decision {
            public Denied {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    public AccessPolicy(AccessRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    public AccessRules rules() {
        return rules;
    }

    public boolean allows(Caller caller) {
        return decide(caller) instanceof Decision.Allowed;
    }

    public Decision decide(Caller caller) {
        return decide(caller, null);
    }

    /** As {@link #decide(Caller)}, for a caller in a thread whose parent channel is {@code parentChannelId}. */
    public Decision decide(Caller caller, String parentChannelId) {
        Objects.requireNonNull(caller, "caller");
        List<String> channels = parentChannelId == null || parentChannelId.isBlank()
                ? List.of(caller.channelId()) : List.of(caller.channelId(), parentChannelId);
        boolean direct = caller.workspaceId().isEmpty();

        if (rules.deniedUsers().contains(caller.userId())) return denied("user is denied");
        if (anyIn(caller.roleIds(), rules.deniedRoles())) return denied("a role of the user is denied");
        if (anyIn(channels, rules.deniedChannels())) return denied("channel is denied");
        if (!direct && rules.deniedWorkspaces().contains(caller.workspaceId())) return denied("workspace is denied");

        if (!direct && !rules.allowedWorkspaces().isEmpty() && !rules.allowedWorkspaces().contains(caller.workspaceId())) {
            return denied("workspace is not allowed");
        }
        if (!direct && !rules.allowedChannels().isEmpty() && !anyIn(channels, rules.allowedChannels())) {
            return denied("channel is not allowed");
        }
        boolean whoRestricted = !rules.allowedUsers().isEmpty() || !rules.allowedRoles().isEmpty();
        if (whoRestricted && !rules.allowedUsers().contains(caller.userId())
                && !anyIn(caller.roleIds(), rules.allowedRoles())) {
            return denied("user has no allowed role and is not an allowed user");
        }
        return new Decision.Allowed();
    }

    private static Decision denied(String reason) {
        return new Decision.Denied(reason);
    }

    private static boolean anyIn(Collection<String> ids, Set<String> set) {
        if (set.isEmpty()) return false;
        for (String id : ids) {
            if (set.contains(id)) return true;
        }
        return false;
    }
}
