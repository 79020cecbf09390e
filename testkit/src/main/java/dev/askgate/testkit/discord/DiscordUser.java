package dev.askgate.testkit.discord;

import java.util.List;
import java.util.Objects;

/** A user of the fake Discord: a guild member with roles (empty for someone met only in DMs), or a bot. */
public record DiscordUser(String id, String name, boolean bot, List<String> roleIds) {
    public DiscordUser {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        roleIds = List.copyOf(roleIds == null ? List.of() : roleIds);
    }

    /** The text that mentions this user in a message ({@code <@id>}). */
    public String mention() {
        return "<@" + id + ">";
    }
}
