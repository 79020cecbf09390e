package dev.askgate.discord;

import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.utils.ConcurrentSessionController;

/**
 * Points JDA (and a ShardManager) at a configured Gateway address instead of Discord's, keeping JDA's
 * identify pacing. Used when {@code DISCORD_GATEWAY_URL} is set: a proxy, or a fake Discord in tests.
 */
final class GatewayOverride extends ConcurrentSessionController {
    private final String url;
    private final int shardTotal;

    GatewayOverride(String url, int shardTotal) {
        this.url = url;
        this.shardTotal = shardTotal;
    }

    @Override
    public String getGateway() {
        return url;
    }

    @Override
    public ShardedGateway getShardedGateway(JDA api) {
        return new ShardedGateway(url, shardTotal, 1);
    }
}
