package dev.askgate.core.policy;

import java.util.Set;

/**
 * Who may use the bot where: allow and deny sets of workspace (Slack team, Discord guild), channel, role and
 * user ids. An empty allow set restricts nothing; a deny always wins. See {@link AccessPolicy} for how the
 * sets combine.
 */
public record AccessRules(Set<String> allowedWorkspaces, Set<String> allowedChannels, Set<String> allowedRoles,
                          Set<String> allowedUsers, Set<String> deniedWorkspaces, Set<String> deniedChannels,
                          Set<String> deniedRoles, Set<String> deniedUsers) {

    public AccessRules {
        allowedWorkspaces = copy(allowedWorkspaces);
        allowedChannels = copy(allowedChannels);
        allowedRoles = copy(allowedRoles);
        allowedUsers = copy(allowedUsers);
        deniedWorkspaces = copy(deniedWorkspaces);
        deniedChannels = copy(deniedChannels);
        deniedRoles = copy(deniedRoles);
        deniedUsers = copy(deniedUsers);
    }

    /** No restriction at all. */
    public static AccessRules everyone() {
        return new AccessRules(null, null, null, null, null, null, null, null);
    }

    public AccessRules withAllowedWorkspaces(Set<String> ids) {
        return new AccessRules(ids, allowedChannels, allowedRoles, allowedUsers,
                deniedWorkspaces, deniedChannels, deniedRoles, deniedUsers);
    }

    public AccessRules withAllowedChannels(Set<String> ids) {
        return new AccessRules(allowedWorkspaces, ids, allowedRoles, allowedUsers,
                deniedWorkspaces, deniedChannels, deniedRoles, deniedUsers);
    }

    public AccessRules withAllowedRoles(Set<String> ids) {
        return new AccessRules(allowedWorkspaces, allowedChannels, ids, allowedUsers,
                deniedWorkspaces, deniedChannels, deniedRoles, deniedUsers);
    }

    public AccessRules withAllowedUsers(Set<String> ids) {
        return new AccessRules(allowedWorkspaces, allowedChannels, allowedRoles, ids,
                deniedWorkspaces, deniedChannels, deniedRoles, deniedUsers);
    }

    public AccessRules withDeniedWorkspaces(Set<String> ids) {
        return new AccessRules(allowedWorkspaces, allowedChannels, allowedRoles, allowedUsers,
                ids, deniedChannels, deniedRoles, deniedUsers);
    }

    public AccessRules withDeniedChannels(Set<String> ids) {
        return new AccessRules(allowedWorkspaces, allowedChannels, allowedRoles, allowedUsers,
                deniedWorkspaces, ids, deniedRoles, deniedUsers);
    }

    public AccessRules withDeniedRoles(Set<String> ids) {
        return new AccessRules(allowedWorkspaces, allowedChannels, allowedRoles, allowedUsers,
                deniedWorkspaces, deniedChannels, ids, deniedUsers);
    }

    public AccessRules withDeniedUsers(Set<String> ids) {
        return new AccessRules(allowedWorkspaces, allowedChannels, allowedRoles, allowedUsers,
                deniedWorkspaces, deniedChannels, deniedRoles, ids);
    }

    private static Set<String> copy(Set<String> ids) {
        return ids == null ? Set.of() : Set.copyOf(ids);
    }
}
