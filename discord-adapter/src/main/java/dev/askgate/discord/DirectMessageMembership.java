package dev.askgate.discord;

import dev.askgate.core.policy.AccessRules;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies the guild and role lists to direct messages, which carry neither: the sender's membership in the
 * bot's guilds decides. Denied in any shared guild (a denied guild, or a denied role there) refuses; with
 * allowed guilds or roles set, the sender must share an allowed guild and, with allowed roles, hold one there.
 */
final class DirectMessageMembership {
    private static final Logger log = LoggerFactory.getLogger(DirectMessageMembership.class);

    private final AccessRules rules;

    DirectMessageMembership(AccessRules rules) {
        this.rules = rules;
    }

    /** Whether any guild or role list is set, so that a DM needs its sender's membership looked up. */
    boolean matters() {
        return !rules.allowedWorkspaces().isEmpty() || !rules.deniedWorkspaces().isEmpty()
                || !rules.allowedRoles().isEmpty() || !rules.deniedRoles().isEmpty();
    }

    /**
     * The roles {@code user} holds in the shared guilds that allow them (for the access policy's role check),
     * or empty when the guild and role lists refuse them. Blocks on REST lookups: call it on a virtual thread.
     */
    Optional<Set<String>> rolesOf(User user, JDA jda) {
        List<Guild> guilds = jda.getShardManager() != null ? jda.getShardManager().getGuilds() : jda.getGuilds();
        boolean whereRestricted = !rules.allowedWorkspaces().isEmpty() || !rules.allowedRoles().isEmpty();
        boolean allowedSomewhere = !whereRestricted;
        Set<String> roles = new HashSet<>();
        for (Guild guild : guilds) {
            Optional<Member> member;
            try {
                member = member(guild, user);
            } catch (RuntimeException e) {
                // Whether a deny applies is unknown: refuse rather than let a denied user through.
                log.warn("platform=discord guild={} membership of user={} unknown, DM refused: {}", guild.getId(),
                        user.getId(), DiscordErrors.describe(e));
                return Optional.empty();
            }
            if (member.isEmpty()) continue;
            Set<String> here = member.get().getRoles().stream().map(Role::getId).collect(Collectors.toSet());
            if (rules.deniedWorkspaces().contains(guild.getId()) || here.stream().anyMatch(rules.deniedRoles()::contains)) {
                return Optional.empty();
            }
            boolean guildAllowed = rules.allowedWorkspaces().isEmpty() || rules.allowedWorkspaces().contains(guild.getId());
            boolean roleAllowed = rules.allowedRoles().isEmpty() || rules.allowedUsers().contains(user.getId())
                    || here.stream().anyMatch(rules.allowedRoles()::contains);
            if (guildAllowed && roleAllowed) {
                allowedSomewhere = true;
                roles.addAll(here);
            }
        }
        return allowedSomewhere ? Optional.of(Set.copyOf(roles)) : Optional.empty();
    }

    private static Optional<Member> member(Guild guild, User user) {
        Member cached = guild.getMember(user);
        if (cached != null) return Optional.of(cached);
        try {
            return Optional.of(guild.retrieveMemberById(user.getIdLong()).complete());
        } catch (ErrorResponseException e) {
            if (e.getErrorResponse() == ErrorResponse.UNKNOWN_MEMBER || e.getErrorResponse() == ErrorResponse.UNKNOWN_USER) {
                return Optional.empty(); // not a member of this guild
            }
            throw e;
        }
    }
}
