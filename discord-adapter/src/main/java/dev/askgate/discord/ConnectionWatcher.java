package dev.askgate.discord;

import net.dv8tion.jda.api.events.session.SessionDisconnectEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.CloseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Logs the Gateway connection's ups and downs and remembers why Discord closed it, to explain a failed start. */
final class ConnectionWatcher extends ListenerAdapter {
    private static final Logger log = LoggerFactory.getLogger(ConnectionWatcher.class);

    private final CountDownLatch shutDown = new CountDownLatch(1);
    private volatile CloseCode lastClose;

    @Override
    public void onSessionDisconnect(SessionDisconnectEvent event) {
        log.warn("platform=discord shard={} gateway disconnected ({}); JDA reconnects",
                event.getJDA().getShardInfo().getShardId(), Optional.ofNullable(event.getCloseCode())
                        .map(CloseCode::getMeaning).orElse("no close code"));
    }

    @Override
    public void onSessionResume(SessionResumeEvent event) {
        log.info("platform=discord shard={} gateway session resumed", event.getJDA().getShardInfo().getShardId());
    }

    @Override
    public void onShutdown(ShutdownEvent event) {
        lastClose = event.getCloseCode();
        shutDown.countDown();
    }

    /** Why a start failed, in words an operator can act on; waits briefly for JDA to report its shutdown. */
    String explainFailedStart() throws InterruptedException {
        shutDown.await(5, TimeUnit.SECONDS);
        CloseCode code = lastClose;
        if (code == CloseCode.DISALLOWED_INTENTS) {
            return "Discord refused the privileged MESSAGE_CONTENT intent: enable \"Message Content Intent\" on the "
                    + "Bot page of the Discord Developer Portal, or set DISCORD_MESSAGE_CONTENT=false";
        }
        if (code == CloseCode.AUTHENTICATION_FAILED) {
            return "Discord rejected DISCORD_BOT_TOKEN: copy the bot token again from the Developer Portal (Bot page)";
        }
        if (code == CloseCode.INVALID_SHARD || code == CloseCode.SHARDING_REQUIRED) {
            return "Discord refused the shard setup: check DISCORD_SHARDS (" + code.getMeaning() + ")";
        }
        return "the Discord gateway connection failed" + (code == null ? "" : ": " + code.getMeaning());
    }
}
