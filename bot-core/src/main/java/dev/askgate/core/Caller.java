package dev.askgate.core;

import java.util.Objects;
import java.util.Set;

/**
 * Who asks: platform, workspace (Slack team or Discord guild; empty for a direct message),
 * channel, user, and the user's roles where the platform has them.
 */
public record Caller(Platform platform, String workspaceId, String channelId, String userId, Set<String> roleIds) {
    public Caller {
        Objects.requireNonNull(platform, "platform");
        workspaceId = workspaceId == null ? "" : workspaceId;
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(userId, "userId");
        if (userId.isBlank()) throw new IllegalArgumentException("userId is blank");
        roleIds = roleIds == null ? Set.of() : Set.copyOf(roleIds);
    }

    public Caller(Platform platform, String workspaceId, String channelId, String userId) {
        this(platform, workspaceId, channelId, userId, Set.of());
    }

    /**
     * A stable key for per-user limits and throttles: one per person on a platform, wherever they ask. The
     * platform's user id already is (a Discord id is the same in every guild and DM; a Slack id is unique across
     * Slack, and Enterprise Grid keeps it across an organisation's workspaces), so a workspace in the key would only
     * give a person a second budget in each workspace and in their direct messages.
     */
    public String userKey() {
        return platform.name().toLowerCase() + ":" + userId;
    }
}
