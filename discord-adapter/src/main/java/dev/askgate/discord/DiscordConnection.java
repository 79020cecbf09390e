package dev.askgate.discord;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.sharding.DefaultShardManagerBuilder;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.MemberCachePolicy;
import net.dv8tion.jda.api.utils.cache.CacheFlag;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The live link to Discord: one JDA, or a ShardManager over {@code DISCORD_SHARDS}, built with the configured
 * REST base, Gateway address, intents and compression. Knows nothing of questions and answers.
 */
final class DiscordConnection {
    private final Optional<JDA> single;
    private final Optional<ShardManager> sharded;

    private DiscordConnection(Optional<JDA> single, Optional<ShardManager> sharded) {
        this.single = single;
        this.sharded = sharded;
    }

    /**
     * The intents Askgate needs: guild and direct messages, and MESSAGE_CONTENT when configured (without it,
     * Discord still shows the bot the content of messages that mention it and of DMs).
     */
    static EnumSet<GatewayIntent> intents(DiscordConfig config) {
        EnumSet<GatewayIntent> intents = EnumSet.of(GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES);
        if (config.messageContent()) intents.add(GatewayIntent.MESSAGE_CONTENT);
        return intents;
    }

    /** Logs in (throws {@code InvalidTokenException} for a refused token) and starts connecting the Gateway. */
    static DiscordConnection open(DiscordConfig config, OkHttpClient http, Object... listeners) {
        RestConfig rest = new RestConfig().setBaseUrl(config.apiUrl().toString());
        Compression compression = config.compress() ? Compression.ZLIB : Compression.NONE;
        String token = config.token().value();
        if (config.shards().isPresent()) {
            ShardRange range = config.shards().get();
            DefaultShardManagerBuilder builder = DefaultShardManagerBuilder.createLight(token, intents(config))
                    .setShardsTotal(range.total())
                    .setShards(range.first(), range.last())
                    .setRestConfig(rest)
                    .setHttpClient(http)
                    .setCompression(compression)
                    .setMemberCachePolicy(MemberCachePolicy.NONE)
                    .enableCache(CacheFlag.ROLE_TAGS)
                    .setEnableShutdownHook(false)
                    .addEventListeners(listeners);
            config.gatewayUrl().ifPresent(url ->
                    builder.setSessionController(new GatewayOverride(url.toString(), range.total())));
            return new DiscordConnection(Optional.empty(), Optional.of(builder.build()));
        }
        JDABuilder builder = JDABuilder.createLight(token, intents(config))
                .setRestConfig(rest)
                .setHttpClient(http)
                .setCompression(compression)
                .setMemberCachePolicy(MemberCachePolicy.NONE)
                .enableCache(CacheFlag.ROLE_TAGS) // to recognise the bot's own role when people mention it
                .setEnableShutdownHook(false)
                .addEventListeners(listeners);
        config.gatewayUrl().ifPresent(url -> builder.setSessionController(new GatewayOverride(url.toString(), 1)));
        return new DiscordConnection(Optional.of(builder.build()), Optional.empty());
    }

    /** The running JDA instances (one per shard). */
    List<JDA> shards() {
        return single.map(List::of).orElseGet(() -> sharded.orElseThrow().getShards());
    }

    /**
     * Blocks until every shard has connected and loaded its guilds (shards start one by one, paced as Discord
     * wants), at most {@code timeout}.
     *
     * @throws IllegalStateException when JDA gave up (Discord closed the connection for good)
     * @throws TimeoutException      when Discord could not be reached in time (JDA would retry forever)
     */
    void awaitReady(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready()) {
            if (shards().stream().anyMatch(DiscordConnection::gaveUp)) {
                throw new IllegalStateException("JDA shut down before it was ready");
            }
            if (System.nanoTime() - deadline > 0) throw new TimeoutException("not ready after " + timeout);
            Thread.sleep(50);
        }
    }

    private static boolean gaveUp(JDA shard) {
        return switch (shard.getStatus()) {
            case SHUTTING_DOWN, SHUTDOWN, FAILED_TO_LOGIN -> true;
            default -> false;
        };
    }

    /** Whether every shard is connected. */
    boolean ready() {
        List<JDA> all = shards();
        return !all.isEmpty() && all.stream().allMatch(s -> s.getStatus() == JDA.Status.CONNECTED)
                && sharded.map(m -> m.getShardsQueued() == 0).orElse(true);
    }

    /** Disconnects, waiting up to {@code grace} for queued REST requests to go out, then forcing it. */
    void shutdown(Duration grace) {
        List<JDA> all = List.copyOf(shards()); // a ShardManager forgets its shards as it shuts them down
        if (grace.toMillis() <= 0) { // JDA reads a zero timeout as "wait forever"
            sharded.ifPresent(ShardManager::shutdown);
            all.forEach(JDA::shutdownNow);
            return;
        }
        sharded.ifPresentOrElse(ShardManager::shutdown, () -> all.forEach(JDA::shutdown));
        long deadline = System.nanoTime() + grace.toNanos();
        for (JDA shard : all) {
            long left = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            try {
                if (!shard.awaitShutdown(left, TimeUnit.MILLISECONDS)) shard.shutdownNow();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                shard.shutdownNow();
            }
        }
    }
}
