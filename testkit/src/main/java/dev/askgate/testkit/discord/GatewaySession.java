package dev.askgate.testkit.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One Gateway WebSocket connection, as Discord runs it: HELLO on open, READY then GUILD_CREATE after a valid
 * IDENTIFY (close 4004 for a wrong token), heartbeat ACKs, INVALID_SESSION for a RESUME, then the dispatches
 * the test injects. Plain JSON frames (the client must ask for no compression).
 */
final class GatewaySession extends WebSocketListener {
    private static final Logger log = LoggerFactory.getLogger(GatewaySession.class);

    private final FakeDiscord discord;
    private final DiscordWorld world;
    private final String sessionId;
    private final AtomicInteger sequence = new AtomicInteger();
    private volatile WebSocket socket;
    private volatile boolean identified;
    private volatile int shardId;
    private volatile int shardTotal = 1;

    GatewaySession(FakeDiscord discord, DiscordWorld world) {
        this.discord = discord;
        this.world = world;
        this.sessionId = "fake-session-" + world.newId();
    }

    boolean identified() {
        return identified;
    }

    boolean serves(String guildId) {
        return identified && world.inShard(guildId, shardId, shardTotal);
    }

    int shardId() {
        return shardId;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        this.socket = webSocket;
        ObjectNode hello = world.mapper.createObjectNode().put("op", 10);
        hello.putNull("s");
        hello.putNull("t");
        hello.putObject("d").put("heartbeat_interval", 41250);
        send(hello);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
        JsonNode frame;
        try {
            frame = world.mapper.readTree(text);
        } catch (IOException e) {
            webSocket.close(4002, "Error while decoding payload.");
            return;
        }
        discord.recorder().frame(frame);
        switch (frame.path("op").asInt(-1)) {
            case 1 -> send(world.mapper.createObjectNode().put("op", 11));
            case 2 -> identify(webSocket, frame.path("d"));
            case 6 -> resume(webSocket, frame.path("d"));
            default -> { } // presence, voice and member requests are accepted and ignored
        }
    }

    private void identify(WebSocket webSocket, JsonNode d) {
        if (!discord.acceptsToken(d.path("token").asText())) {
            webSocket.close(4004, "Authentication failed.");
            return;
        }
        if ((d.path("intents").asLong() & discord.disallowedIntents()) != 0) {
            webSocket.close(4014, "Disallowed intent(s).");
            return;
        }
        JsonNode shard = d.path("shard");
        if (shard.isArray() && shard.size() == 2) {
            shardId = shard.get(0).asInt();
            shardTotal = Math.max(1, shard.get(1).asInt());
        }
        dispatch("READY", world.wire.ready(sessionId, discord.gatewayUrl(), shardId, shardTotal));
        if (world.inShard(world.guildId, shardId, shardTotal)) {
            dispatch("GUILD_CREATE", world.wire.guildCreate());
        }
        identified = true;
        discord.recorder().signal();
    }

    /** A session this fake started may be resumed (JDA does after a dropped connection); others are invalid. */
    private void resume(WebSocket webSocket, JsonNode d) {
        if (!discord.acceptsToken(d.path("token").asText())) {
            webSocket.close(4004, "Authentication failed.");
            return;
        }
        var resumed = discord.session(d.path("session_id").asText());
        if (resumed.isEmpty()) {
            send(world.mapper.createObjectNode().put("op", 9).put("d", false));
            return;
        }
        shardId = resumed.get().shardId;
        shardTotal = resumed.get().shardTotal;
        dispatch("RESUMED", world.mapper.createObjectNode());
        identified = true;
        discord.recorder().signal();
    }

    String sessionId() {
        return sessionId;
    }

    /** Sends a dispatch (op 0) with the next sequence number. */
    void dispatch(String type, JsonNode data) {
        ObjectNode frame = world.mapper.createObjectNode().put("op", 0).put("t", type)
                .put("s", sequence.incrementAndGet());
        frame.set("d", data);
        send(frame);
    }

    private void send(ObjectNode frame) {
        WebSocket ws = socket;
        if (ws == null || !ws.send(frame.toString())) {
            log.warn("fake gateway could not send op {} {}", frame.path("op"), frame.path("t"));
        }
    }

    void close(int code, String reason) {
        WebSocket ws = socket;
        if (ws != null) ws.close(code, reason);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        webSocket.close(code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        identified = false;
        discord.recorder().signal();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        identified = false;
        discord.recorder().signal();
    }
}
