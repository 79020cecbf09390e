package dev.askgate.discord;

import dev.askgate.core.admission.Place;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.Role;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Looks up which of the bot's guilds a direct message's sender is a member of, and their roles there; core's
 * admission judges them against the guild and role lists. Blocks on REST lookups: call it on a virtual thread.
 */
final class DiscordMemberships {

    Place.Memberships of(User user, JDA jda) {
        List<Guild> guilds = jda.getShardManager() != null ? jda.getShardManager().getGuilds() : jda.getGuilds();
        List<Place.Membership> found = new ArrayList<>();
        for (Guild guild : guilds) {
            try {
                member(guild, user).ifPresent(member -> found.add(new Place.Membership(guild.getId(),
                        member.getRoles().stream().map(Role::getId).collect(Collectors.toSet()))));
            } catch (RuntimeException e) {
                // Whether a deny applies there is unknown: admission refuses rather than let a denied user through.
                return new Place.Memberships.Unknown("guild " + guild.getId() + ": " + DiscordErrors.describe(e));
            }
        }
        return new Place.Memberships.Known(found);
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
