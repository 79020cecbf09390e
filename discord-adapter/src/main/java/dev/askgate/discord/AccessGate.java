package dev.askgate.discord;

import dev.askgate.core.Caller;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides, before anything reaches the core, whether a caller may use the bot here (deny lists win over allow
 * lists; an empty allow list allows all), and whether a refused caller should be told so: at most once a
 * minute per user, so that a persistent user cannot make the bot spam the channel.
 */
final class AccessGate {
    private static final Duration NOTICE_INTERVAL = Duration.ofMinutes(1);
    private static final int REMEMBERED_USERS = 10_000;

    /** The verdict for one message. */
    enum Decision { ALLOWED, DENIED_TELL, DENIED_QUIET }

    private final DiscordAccessLists lists;
    private final Clock clock;
    private final Map<String, Long> lastNotice = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > REMEMBERED_USERS;
        }
    });

    AccessGate(DiscordAccessLists lists, Clock clock) {
        this.lists = Objects.requireNonNull(lists, "lists");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @param parentChannelId the channel a thread belongs to (the channel itself otherwise) */
    Decision check(Caller caller, String parentChannelId) {
        if (allowed(caller, parentChannelId)) return Decision.ALLOWED;
        long now = clock.millis();
        Long last = lastNotice.get(caller.userKey());
        if (last != null && now - last < NOTICE_INTERVAL.toMillis()) return Decision.DENIED_QUIET;
        lastNotice.put(caller.userKey(), now);
        return Decision.DENIED_TELL;
    }

    boolean allowed(Caller caller, String parentChannelId) {
        Set<String> channels = Set.of(caller.channelId(), parentChannelId);
        if (lists.deniedGuilds().contains(caller.workspaceId())
                || channels.stream().anyMatch(lists.deniedChannels()::contains)
                || lists.deniedUsers().contains(caller.userId())
                || caller.roleIds().stream().anyMatch(lists.deniedRoles()::contains)) {
            return false;
        }
        // A DM has no guild or server channel: DISCORD_ALLOW_DMS governs it, and the user and role lists still apply.
        boolean dm = caller.workspaceId().isEmpty();
        boolean guildOk = dm || lists.allowedGuilds().isEmpty() || lists.allowedGuilds().contains(caller.workspaceId());
        boolean channelOk = dm || lists.allowedChannels().isEmpty()
                || channels.stream().anyMatch(lists.allowedChannels()::contains);
        boolean whoOk = lists.allowedUsers().isEmpty() && lists.allowedRoles().isEmpty()
                || lists.allowedUsers().contains(caller.userId())
                || caller.roleIds().stream().anyMatch(lists.allowedRoles()::contains);
        return guildOk && channelOk && whoOk;
    }
}
