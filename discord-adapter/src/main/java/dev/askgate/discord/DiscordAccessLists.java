package dev.askgate.discord;

import java.util.Set;

/**
 * Who may use the bot on Discord: allow lists (empty allows everyone) and deny lists (deny wins) of guild,
 * channel, role and user ids.
 */
public record DiscordAccessLists(Set<String> allowedGuilds, Set<String> allowedChannels, Set<String> allowedRoles,
                                 Set<String> allowedUsers, Set<String> deniedGuilds, Set<String> deniedChannels,
                                 Set<String> deniedRoles, Set<String> deniedUsers) {
    /** No lists: everyone everywhere. */
    public static final DiscordAccessLists OPEN =
            new DiscordAccessLists(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public DiscordAccessLists {
        allowedGuilds = Set.copyOf(allowedGuilds);
        allowedChannels = Set.copyOf(allowedChannels);
        allowedRoles = Set.copyOf(allowedRoles);
        allowedUsers = Set.copyOf(allowedUsers);
        deniedGuilds = Set.copyOf(deniedGuilds);
        deniedChannels = Set.copyOf(deniedChannels);
        deniedRoles = Set.copyOf(deniedRoles);
        deniedUsers = Set.copyOf(deniedUsers);
    }
}
