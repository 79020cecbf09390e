package dev.askgate.core.admission;

import dev.askgate.core.policy.AccessRules;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The workspace and role lists applied to a direct message, which carries neither: the sender's memberships
 * decide. Denied in any shared workspace (a denied workspace, or a denied role there) refuses; with allowed
 * workspaces or roles set, the sender must share an allowed workspace and, with allowed roles, hold one there.
 */
final class MembershipRules {
    private final AccessRules rules;

    MembershipRules(AccessRules rules) {
        this.rules = rules;
    }

    /** Whether any workspace or role list is set, so that a direct message's memberships must be looked up. */
    boolean matter() {
        return !rules.allowedWorkspaces().isEmpty() || !rules.deniedWorkspaces().isEmpty()
                || !rules.allowedRoles().isEmpty() || !rules.deniedRoles().isEmpty();
    }

    /**
     * The roles {@code userId} holds in the shared workspaces that allow them (for the policy's role check), or
     * empty when the lists refuse them.
     */
    Optional<Set<String>> rolesOf(String userId, Iterable<Place.Membership> memberships) {
        boolean whereRestricted = !rules.allowedWorkspaces().isEmpty() || !rules.allowedRoles().isEmpty();
        boolean allowedSomewhere = !whereRestricted;
        Set<String> roles = new HashSet<>();
        for (Place.Membership membership : memberships) {
            Set<String> here = membership.roleIds();
            if (rules.deniedWorkspaces().contains(membership.workspaceId())
                    || here.stream().anyMatch(rules.deniedRoles()::contains)) {
                return Optional.empty();
            }
            boolean workspaceAllowed = rules.allowedWorkspaces().isEmpty()
                    || rules.allowedWorkspaces().contains(membership.workspaceId());
            boolean roleAllowed = rules.allowedRoles().isEmpty() || rules.allowedUsers().contains(userId)
                    || here.stream().anyMatch(rules.allowedRoles()::contains);
            if (workspaceAllowed && roleAllowed) {
                allowedSomewhere = true;
                roles.addAll(here);
            }
        }
        return allowedSomewhere ? Optional.of(Set.copyOf(roles)) : Optional.empty();
    }
}
