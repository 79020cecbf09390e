package dev.askgate.testkit.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the fake Discord knows: one guild with two text channels and a few roles, its members, DM channels,
 * threads and every message (injected or sent by the bot). {@link DiscordPayloads} shows them on the wire.
 */
final class DiscordWorld {
    static final long DISCORD_EPOCH = 1420070400000L;

    final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong counter = new AtomicLong();

    final String applicationId = newId();
    final String guildId = newId();
    final String channelId = newId();
    final String otherChannelId = newId();
    final String memberRoleId = newId();
    final String restrictedRoleId = newId();
    final String botRoleId = newId();
    final String ownerId = newId();
    final DiscordUser self = new DiscordUser(applicationId, "Askgate", true, List.of(botRoleId));

    private final Map<String, DiscordUser> users = new LinkedHashMap<>();
    private final Map<String, ObjectNode> messages = new ConcurrentHashMap<>();
    private final Map<String, String> dmChannelByUser = new ConcurrentHashMap<>();
    private final Map<String, String> threadParent = new ConcurrentHashMap<>();
    private final List<String> moreChannels = new CopyOnWriteArrayList<>();
    volatile boolean botMayManageMessages = true;
    volatile boolean botMayReadHistory = true;
    /** How all of this looks on the wire. */
    final DiscordPayloads wire = new DiscordPayloads(this);

    DiscordWorld() {
        synchronized (users) {
            users.put(self.id(), self);
        }
    }

    /** A fresh snowflake whose timestamp is now, so that JDA's creation times look real. */
    String newId() {
        return Long.toString(((System.currentTimeMillis() - DISCORD_EPOCH) << 22) + (counter.incrementAndGet() & 0x3FFFFF));
    }

    DiscordUser addUser(String name, boolean bot, List<String> roleIds) {
        DiscordUser user = new DiscordUser(newId(), name, bot, roleIds);
        synchronized (users) {
            users.put(user.id(), user);
        }
        return user;
    }

    List<DiscordUser> members() {
        synchronized (users) {
            return users.values().stream().filter(u -> !u.roleIds().isEmpty() || u == self).toList();
        }
    }

    Optional<DiscordUser> user(String id) {
        synchronized (users) {
            return Optional.ofNullable(users.get(id));
        }
    }

    String dmChannelOf(DiscordUser user) {
        return dmChannelByUser.computeIfAbsent(user.id(), id -> newId());
    }

    Optional<DiscordUser> dmPartner(String channelId) {
        return dmChannelByUser.entrySet().stream().filter(e -> e.getValue().equals(channelId)).findFirst()
                .flatMap(e -> user(e.getKey()));
    }

    boolean isGuildChannel(String id) {
        return id.equals(channelId) || id.equals(otherChannelId) || moreChannels.contains(id)
                || threadParent.containsKey(id);
    }

    String addTextChannel() {
        String id = newId();
        moreChannels.add(id);
        return id;
    }

    List<String> moreChannels() {
        return List.copyOf(moreChannels);
    }

    /** Discord's shard formula: a guild belongs to shard {@code (id >> 22) % total}. */
    boolean inShard(String id, int shardId, int shardTotal) {
        return (Long.parseLong(id) >> 22) % shardTotal == shardId;
    }

    void addThread(String threadId, String parentId) {
        threadParent.put(threadId, parentId);
    }

    Map<String, String> threadParents() {
        return Map.copyOf(threadParent);
    }

    Optional<String> threadParent(String threadId) {
        return Optional.ofNullable(threadParent.get(threadId));
    }

    void store(ObjectNode message) {
        messages.put(message.get("id").asText(), message);
    }

    /** Messages of a channel, newest first, older than {@code beforeId} (all when empty), at most {@code limit}. */
    List<ObjectNode> history(String channelId, String beforeId, int limit) {
        return messages.values().stream()
                .filter(m -> m.path("channel_id").asText().equals(channelId))
                .filter(m -> beforeId.isEmpty() || Long.parseLong(m.get("id").asText()) < Long.parseLong(beforeId))
                .sorted((a, b) -> Long.compare(Long.parseLong(b.get("id").asText()), Long.parseLong(a.get("id").asText())))
                .limit(limit)
                .toList();
    }

    Optional<ObjectNode> message(String id) {
        return Optional.ofNullable(messages.get(id));
    }

    List<String> knownChannels() {
        List<String> all = new ArrayList<>(List.of(channelId, otherChannelId));
        all.addAll(moreChannels);
        all.addAll(threadParent.keySet());
        all.addAll(dmChannelByUser.values());
        return all;
    }
}
