package dev.askgate.testkit.discord;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * How the fake Discord's users, guild, messages and interactions look on the wire, with the fields JDA 6
 * requires (READY's {@code application}, GUILD_CREATE's {@code member_count} equal to the listed members,
 * roles' {@code colors}, ...).
 */
final class DiscordPayloads {
    /** Permission bits, as Discord numbers them. */
    static final long VIEW_CHANNEL = 1L << 10, SEND_MESSAGES = 1L << 11, MANAGE_MESSAGES = 1L << 13,
            EMBED_LINKS = 1L << 14, READ_MESSAGE_HISTORY = 1L << 16, ADD_REACTIONS = 1L << 6,
            USE_APPLICATION_COMMANDS = 1L << 31, CREATE_PUBLIC_THREADS = 1L << 35, SEND_MESSAGES_IN_THREADS = 1L << 38;

    private final DiscordWorld world;

    DiscordPayloads(DiscordWorld world) {
        this.world = world;
    }

    ObjectNode userJson(DiscordUser u) {
        ObjectNode n = world.mapper.createObjectNode();
        n.put("id", u.id()).put("username", u.name()).put("global_name", u.name()).put("discriminator", "0");
        n.putNull("avatar");
        n.put("bot", u.bot()).put("public_flags", 0);
        return n;
    }

    /** A guild member object; {@code withUser} false for the partial member inside MESSAGE_CREATE. */
    ObjectNode memberJson(DiscordUser u, boolean withUser) {
        ObjectNode n = world.mapper.createObjectNode();
        if (withUser) n.set("user", userJson(u));
        ArrayNode roles = n.putArray("roles");
        u.roleIds().forEach(roles::add);
        n.put("joined_at", "2024-01-01T00:00:00.000000+00:00").putNull("nick");
        n.putNull("premium_since");
        n.putNull("communication_disabled_until");
        n.put("deaf", false).put("mute", false).put("flags", 0).put("pending", false);
        return n;
    }

    private ObjectNode roleJson(String id, String name, int position, long permissions) {
        ObjectNode n = world.mapper.createObjectNode();
        n.put("id", id).put("name", name).put("color", 0).put("position", position)
                .put("permissions", Long.toString(permissions)).put("managed", false).put("hoist", false)
                .put("mentionable", false).put("flags", 0);
        n.putObject("colors").put("primary_color", 0);
        n.putNull("icon");
        n.putNull("unicode_emoji");
        return n;
    }

    private ObjectNode textChannelJson(String id, String name, int position) {
        ObjectNode n = world.mapper.createObjectNode();
        n.put("id", id).put("type", 0).put("guild_id", world.guildId).put("name", name).put("position", position)
                .put("nsfw", false).put("rate_limit_per_user", 0).put("flags", 0);
        n.putArray("permission_overwrites");
        n.putNull("topic");
        n.putNull("parent_id");
        n.putNull("last_message_id");
        return n;
    }

    ObjectNode threadJson(String id, String parentId, String name) {
        ObjectNode n = world.mapper.createObjectNode();
        n.put("id", id).put("type", 11).put("guild_id", world.guildId).put("parent_id", parentId).put("name", name)
                .put("owner_id", world.self.id()).put("message_count", 0).put("member_count", 1)
                .put("rate_limit_per_user", 0).put("flags", 0).put("total_message_sent", 0);
        n.putNull("last_message_id");
        n.putArray("applied_tags");
        ObjectNode meta = n.putObject("thread_metadata");
        meta.put("archived", false).put("auto_archive_duration", 1440).put("locked", false)
                .put("archive_timestamp", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .put("create_timestamp", OffsetDateTime.now(ZoneOffset.UTC).toString());
        return n;
    }

    ObjectNode ready(String sessionId, String resumeUrl, int shardId, int shardTotal) {
        ObjectNode d = world.mapper.createObjectNode();
        d.put("v", 10).set("user", userJson(world.self));
        ArrayNode guilds = d.putArray("guilds");
        if (world.inShard(world.guildId, shardId, shardTotal)) {
            guilds.addObject().put("id", world.guildId).put("unavailable", true);
        }
        d.putArray("private_channels");
        d.put("session_id", sessionId).put("resume_gateway_url", resumeUrl);
        d.putObject("application").put("id", world.applicationId).put("flags", 0);
        d.putArray("shard").add(shardId).add(shardTotal);
        d.putArray("relationships");
        d.putArray("presences");
        return d;
    }

    ObjectNode guildCreate() {
        ObjectNode d = world.mapper.createObjectNode();
        d.put("id", world.guildId).put("name", "Askgate Test Guild").put("owner_id", world.ownerId)
                .put("unavailable", false).put("large", false).put("joined_at", "2024-01-01T00:00:00.000000+00:00")
                .put("preferred_locale", "en-US").put("afk_timeout", 300).put("verification_level", 0)
                .put("default_message_notifications", 0).put("explicit_content_filter", 0).put("mfa_level", 0)
                .put("nsfw_level", 0).put("premium_tier", 0).put("premium_progress_bar_enabled", false)
                .put("system_channel_flags", 0).put("max_members", 500000);
        d.putNull("icon");
        d.putNull("description");
        d.putNull("system_channel_id");
        long everyone = VIEW_CHANNEL | SEND_MESSAGES | (world.botMayReadHistory ? READ_MESSAGE_HISTORY : 0)
                | ADD_REACTIONS | USE_APPLICATION_COMMANDS | SEND_MESSAGES_IN_THREADS;
        long bot = everyone | EMBED_LINKS | CREATE_PUBLIC_THREADS | (world.botMayManageMessages ? MANAGE_MESSAGES : 0);
        ArrayNode roles = d.putArray("roles");
        roles.add(roleJson(world.guildId, "@everyone", 0, everyone));
        roles.add(roleJson(world.memberRoleId, "Members", 1, everyone));
        roles.add(roleJson(world.restrictedRoleId, "Restricted", 2, everyone));
        ObjectNode botRole = roleJson(world.botRoleId, "Askgate", 3, bot).put("managed", true);
        botRole.putObject("tags").put("bot_id", world.self.id()); // the role Discord creates for an invited bot
        roles.add(botRole);
        ArrayNode channels = d.putArray("channels");
        channels.add(textChannelJson(world.channelId, "general", 0));
        channels.add(textChannelJson(world.otherChannelId, "random", 1));
        List<String> more = world.moreChannels();
        for (int i = 0; i < more.size(); i++) channels.add(textChannelJson(more.get(i), "more-" + i, 2 + i));
        ArrayNode threads = d.putArray("threads");
        world.threadParents().forEach((thread, parent) -> threads.add(threadJson(thread, parent, "thread")));
        for (String empty : List.of("emojis", "stickers", "voice_states", "guild_scheduled_events", "presences",
                "features", "stage_instances", "soundboard_sounds")) {
            d.putArray(empty);
        }
        ArrayNode members = d.putArray("members");
        List<DiscordUser> listed = world.members();
        listed.forEach(u -> members.add(memberJson(u, true)));
        d.put("member_count", listed.size());
        return d;
    }

    /** A message as Discord sends it in MESSAGE_CREATE and REST answers. */
    ObjectNode messageJson(String id, String channelId, DiscordUser author, String content,
                           List<DiscordUser> mentions, String referencedId) {
        ObjectNode n = world.mapper.createObjectNode();
        n.put("id", id).put("channel_id", channelId);
        boolean inGuild = world.isGuildChannel(channelId);
        if (inGuild) {
            n.put("guild_id", world.guildId);
            if (!author.roleIds().isEmpty()) n.set("member", memberJson(author, false));
        }
        n.set("author", userJson(author));
        n.put("content", content).put("timestamp", Instant.now().atOffset(ZoneOffset.UTC).toString());
        n.putNull("edited_timestamp");
        n.put("tts", false).put("mention_everyone", false).put("pinned", false).put("flags", 0);
        ArrayNode mentionArray = n.putArray("mentions");
        for (DiscordUser m : mentions) {
            ObjectNode mj = userJson(m);
            if (inGuild && !m.roleIds().isEmpty()) mj.set("member", memberJson(m, false));
            mentionArray.add(mj);
        }
        ArrayNode mentionRoles = n.putArray("mention_roles");
        java.util.regex.Pattern.compile("<@&(\\d+)>").matcher(content).results()
                .forEach(r -> mentionRoles.add(r.group(1)));
        n.putArray("attachments");
        n.putArray("embeds");
        n.putArray("components");
        n.put("type", 0);
        if (referencedId != null && !referencedId.isEmpty()) {
            n.put("type", 19);
            ObjectNode ref = n.putObject("message_reference");
            ref.put("type", 0).put("message_id", referencedId).put("channel_id", channelId);
            if (inGuild) ref.put("guild_id", world.guildId);
            world.message(referencedId).ifPresent(r -> n.set("referenced_message", withoutReference(r)));
        }
        return n;
    }

    /** Discord nests one level only: a referenced message carries its own reference, not the message. */
    private ObjectNode withoutReference(ObjectNode message) {
        ObjectNode copy = message.deepCopy();
        copy.remove("referenced_message");
        return copy;
    }

    /** An INTERACTION_CREATE for a chat-input command with string options. */
    ObjectNode commandInteraction(String id, String token, String commandId, String name, DiscordUser user,
                                  String channelId, Map<String, String> options) {
        ObjectNode n = world.mapper.createObjectNode();
        n.put("id", id).put("application_id", world.applicationId).put("type", 2).put("token", token).put("version", 1)
                .put("locale", "en-US").put("app_permissions", "2251799813685247").put("attachment_size_limit", 8388608);
        n.put("channel_id", channelId);
        boolean inGuild = world.isGuildChannel(channelId);
        ObjectNode channel = n.putObject("channel");
        channel.put("id", channelId);
        if (inGuild) {
            n.put("guild_id", world.guildId).put("guild_locale", "en-US").put("context", 0);
            n.putObject("guild").put("id", world.guildId).put("locale", "en-US").putArray("features");
            channel.put("type", world.threadParents().containsKey(channelId) ? 11 : 0).put("guild_id", world.guildId)
                    .put("name", "general");
            ObjectNode member = memberJson(user, true);
            member.put("permissions", "2251799813685247");
            n.set("member", member);
        } else {
            n.put("context", 1);
            channel.put("type", 1);
            n.set("user", userJson(user));
        }
        n.putObject("authorizing_integration_owners").put(inGuild ? "0" : "1", inGuild ? world.guildId : user.id());
        n.putArray("entitlements");
        ObjectNode data = n.putObject("data");
        data.put("id", commandId).put("name", name).put("type", 1);
        ArrayNode opts = data.putArray("options");
        options.forEach((k, v) -> opts.addObject().put("name", k).put("type", 3).put("value", v));
        return n;
    }
}
