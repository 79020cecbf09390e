package dev.askgate.core.admission;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Where a question was asked, as far as admission needs it: the parent of a thread (whose allow and deny lists
 * cover the thread; "" outside threads), whether it is a direct message, and for a direct message the sender's
 * memberships in the bot's workspaces when {@link Admission#needsMemberships} asked the adapter to look them up.
 */
public record Place(String parentChannelId, boolean direct, Memberships memberships) {
    public Place {
        parentChannelId = parentChannelId == null ? "" : parentChannelId;
        Objects.requireNonNull(memberships, "memberships");
    }

    /** A channel (or a thread of {@code parentChannelId}) in a workspace. */
    public static Place channel(String parentChannelId) {
        return new Place(parentChannelId, false, new Memberships.NotLookedUp());
    }

    /** A direct message whose sender's memberships were not needed. */
    public static Place directMessage() {
        return new Place("", true, new Memberships.NotLookedUp());
    }

    /** A direct message, with what the adapter found out about its sender's memberships. */
    public static Place directMessage(Memberships memberships) {
        return new Place("", true, memberships);
    }

    /** The sender's memberships in the workspaces the bot serves (Discord guilds a DM's sender shares with it). */
    public sealed interface Memberships {
        /** Not needed: no workspace or role list is set. */
        record NotLookedUp() implements Memberships { }

        /** Every shared workspace with the roles the sender holds there. */
        record Known(List<Membership> memberships) implements Memberships {
            public Known {
                memberships = List.copyOf(memberships);
            }
        }

        /** The lookup failed: whether a deny applies is unknown. */
        record Unknown(String reason) implements Memberships {
            public Unknown {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /** One shared workspace and the sender's roles in it. */
    public record Membership(String workspaceId, Set<String> roleIds) {
        public Membership {
            Objects.requireNonNull(workspaceId, "workspaceId");
            roleIds = Set.copyOf(roleIds);
        }
    }
}
