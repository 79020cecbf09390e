package dev.askgate.discord;

import dev.askgate.core.config.Secret;
import dev.askgate.core.config.Settings;
import dev.askgate.core.policy.AccessRules;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the Discord adapter is configured with, read once by the launcher from {@code DISCORD_*} variables.
 *
 * @param apiUrl          REST base ending in {@code /api/v10/} (a proxy or a test fake)
 * @param gatewayUrl      Gateway address override ({@code ws(s)://}); empty means Discord's own
 * @param maxChain        how many messages of a reply chain become context
 * @param useThreads      whether each new mention opens a thread for the conversation
 * @param allowDms        whether direct messages are answered
 * @param commandGuildIds guilds to register {@code /ask} in (instantly); empty registers it globally
 * @param deleteSecrets   whether a message the secret guard refused is deleted (needs Manage Messages)
 * @param editInterval    the least time between two edits of one streamed message
 * @param access          allow and deny lists of guilds, channels, roles and users
 * @param shards          the shard range of this replica; empty runs one unsharded connection
 * @param messageContent  whether to ask for the privileged MESSAGE_CONTENT intent
 * @param compress        whether the Gateway is zlib-compressed (real Discord: yes; tests: no)
 * @param startTimeout    how long start waits for Discord before giving up (an unreachable gateway)
 */
public record DiscordConfig(Secret token, URI apiUrl, Optional<URI> gatewayUrl, int maxChain, boolean useThreads,
                            boolean allowDms, Set<String> commandGuildIds, boolean deleteSecrets,
                            Duration editInterval, AccessRules access, Optional<ShardRange> shards,
                            boolean messageContent, boolean compress, Duration startTimeout) {

    public static final String DEFAULT_API_URL = "https://discord.com/api/v10/";
    public static final int DEFAULT_START_TIMEOUT_SECONDS = 120;

    public DiscordConfig {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(apiUrl, "apiUrl");
        if (!apiUrl.toString().endsWith("/")) apiUrl = URI.create(apiUrl + "/");
        gatewayUrl = gatewayUrl == null ? Optional.empty() : gatewayUrl;
        if (maxChain < 1) throw new IllegalArgumentException("maxChain < 1");
        commandGuildIds = Set.copyOf(commandGuildIds == null ? Set.of() : commandGuildIds);
        Objects.requireNonNull(editInterval, "editInterval");
        if (editInterval.isNegative()) throw new IllegalArgumentException("editInterval < 0");
        access = access == null ? AccessRules.everyone() : access;
        shards = shards == null ? Optional.empty() : shards;
        Objects.requireNonNull(startTimeout, "startTimeout");
        if (startTimeout.isNegative() || startTimeout.isZero()) throw new IllegalArgumentException("startTimeout <= 0");
    }

    /** A configuration with every default, for {@code token} against {@code apiUrl}. */
    public static DiscordConfig defaults(Secret token) {
        return new DiscordConfig(token, URI.create(DEFAULT_API_URL), Optional.empty(), 25, false, false, Set.of(),
                false, Duration.ofMillis(1500), AccessRules.everyone(), Optional.empty(), true, true,
                Duration.ofSeconds(DEFAULT_START_TIMEOUT_SECONDS));
    }

    /** Whether Discord is enabled at all: {@code DISCORD_BOT_TOKEN} or {@code DISCORD_BOT_TOKEN_FILE} is set. */
    public static boolean enabled(Settings s) {
        return s.isSet("DISCORD_BOT_TOKEN") || s.isSet("DISCORD_BOT_TOKEN_FILE");
    }

    /**
     * Reads the {@code DISCORD_*} variables; empty when Discord is not enabled. Every bad value is recorded as a
     * problem on {@code s} (naming the variable, never the token) and replaced by its default.
     */
    public static Optional<DiscordConfig> from(Settings s) {
        Optional<Secret> token = s.secret("DISCORD_BOT_TOKEN");
        if (token.isEmpty()) return Optional.empty();
        String raw = token.get().value();
        if (raw.regionMatches(true, 0, "Bot ", 0, 4) || raw.chars().anyMatch(Character::isWhitespace)) {
            s.problem("DISCORD_BOT_TOKEN must be the bot token alone (no \"Bot \" prefix, no spaces)");
        }
        URI api = URI.create(s.url("DISCORD_API_URL", DEFAULT_API_URL) + "/");
        Optional<URI> gateway = s.string("DISCORD_GATEWAY_URL").flatMap(v -> websocketUrl(s, v));
        Optional<ShardRange> shards = s.string("DISCORD_SHARDS").flatMap(v -> {
            Optional<ShardRange> range = ShardRange.parse(v);
            if (range.isEmpty()) {
                s.problem("DISCORD_SHARDS must be \"total\" or \"total:first-last\" with 0 <= first <= last < total "
                        + Settings.quoted(v));
            }
            return range;
        });
        Set<String> commandGuilds = ids(s, "DISCORD_GUILD_IDS");
        return Optional.of(new DiscordConfig(token.get(), api, gateway,
                s.integer("DISCORD_MAX_CHAIN", 25, 1, 100),
                s.bool("DISCORD_USE_THREADS", false),
                s.bool("DISCORD_ALLOW_DMS", false),
                commandGuilds,
                s.bool("DISCORD_DELETE_SECRETS", false),
                // Also the wait of an answer the channel's edit budget holds back: at 0 it would look again at once,
                // and spin on its thread.
                Duration.ofMillis(s.integer("DISCORD_EDIT_INTERVAL_MS", 1500, 50, 60_000)),
                new AccessRules(ids(s, "DISCORD_ALLOWED_GUILDS"), ids(s, "DISCORD_ALLOWED_CHANNELS"),
                        ids(s, "DISCORD_ALLOWED_ROLES"), ids(s, "DISCORD_ALLOWED_USERS"),
                        ids(s, "DISCORD_DENIED_GUILDS"), ids(s, "DISCORD_DENIED_CHANNELS"),
                        ids(s, "DISCORD_DENIED_ROLES"), ids(s, "DISCORD_DENIED_USERS")),
                shards,
                s.bool("DISCORD_MESSAGE_CONTENT", true),
                compressed(s),
                s.seconds("DISCORD_START_TIMEOUT_SECONDS", Duration.ofSeconds(DEFAULT_START_TIMEOUT_SECONDS), 1, 3600)));
    }

    /** Discord ids are snowflakes: digits only. */
    private static Set<String> ids(Settings s, String name) {
        Set<String> ids = s.idSet(name);
        ids.stream().filter(id -> !id.matches("\\d{1,20}")).findFirst().ifPresent(bad ->
                s.problem(name + " must list Discord ids (digits, comma-separated); one is not " + Settings.quoted(bad)));
        return ids;
    }

    private static Optional<URI> websocketUrl(Settings s, String value) {
        try {
            URI uri = URI.create(value);
            if (("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (IllegalArgumentException ignored) {
            // reported below
        }
        s.problem("DISCORD_GATEWAY_URL must be a ws:// or wss:// URL");
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "DiscordConfig[token=redacted, apiUrl=" + apiUrl + ", gatewayUrl=" + gatewayUrl + ", maxChain=" + maxChain
                + ", useThreads=" + useThreads + ", allowDms=" + allowDms + ", commandGuildIds=" + commandGuildIds
                + ", deleteSecrets=" + deleteSecrets + ", editInterval=" + editInterval + ", access=" + access
                + ", shards=" + shards + ", messageContent=" + messageContent + ", compress=" + compress + ", startTimeout=" + startTimeout + "]";
    }

    /** DISCORD_COMPRESSION: zlib (JDA's zlib-stream, the default) or none; anything else is a problem line. */
    private static boolean compressed(Settings s) {
        String value = s.string("DISCORD_COMPRESSION", "zlib").strip();
        if (!value.equalsIgnoreCase("zlib") && !value.equalsIgnoreCase("none")) {
            s.problem("DISCORD_COMPRESSION must be zlib or none " + Settings.quoted(value));
        }
        return !value.equalsIgnoreCase("none");
    }
}
