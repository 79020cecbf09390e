package dev.askgate.testkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okhttp3.internal.ws.RealWebSocket;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The Socket Mode side of {@link FakeSlack}: accepts the app's WebSocket, sends {@code hello}, delivers
 * envelopes ({@code slash_commands}, {@code events_api}) and records each acknowledgement by envelope id.
 */
public final class FakeSocketMode {
    private final ObjectMapper json;
    private final List<WebSocket> open = new CopyOnWriteArrayList<>();
    private final Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
    private final Map<String, SocketAck> acks = new ConcurrentHashMap<>();
    private final List<JsonNode> unexpected = new CopyOnWriteArrayList<>();
    private int connections;

    FakeSocketMode(ObjectMapper json) {
        this.json = json;
    }

    MockResponse upgrade() {
        return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, Response response) {
                open.add(webSocket);
                webSocket.send("{\"type\":\"hello\",\"num_connections\":1,"
                        + "\"debug_info\":{\"host\":\"fake-slack\",\"approximate_connection_time\":18060},"
                        + "\"connection_info\":{\"app_id\":\"" + FakeSlack.APP_ID + "\"}}");
                synchronized (FakeSocketMode.this) {
                    connections++;
                    FakeSocketMode.this.notifyAll();
                }
            }

            @Override
            public void onMessage(WebSocket webSocket, String text) {
                received(text);
            }

            @Override
            public void onClosing(WebSocket webSocket, int code, String reason) {
                open.remove(webSocket);
                webSocket.close(1000, null);
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, Response response) {
                open.remove(webSocket);
            }
        }).build();
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (IOException e) {
            unexpected.add(json.getNodeFactory().textNode(text));
            return;
        }
        String envelopeId = message.path("envelope_id").asText("");
        Long sentAt = deliveredAt.get(envelopeId);
        if (sentAt == null) {
            unexpected.add(message);
            return;
        }
        synchronized (this) {
            acks.putIfAbsent(envelopeId, new SocketAck(envelopeId, message, Duration.ofNanos(System.nanoTime() - sentAt)));
            notifyAll();
        }
    }

    /** Waits until the app has connected (and received {@code hello}) at least {@code count} times. */
    public synchronized void awaitConnections(int count, Duration timeout) {
        waitFor(() -> connections >= count, timeout, count + " Socket Mode connection(s)");
    }

    /** Whether a WebSocket from the app is open now. */
    public boolean connected() {
        return !open.isEmpty();
    }

    /** Sends an envelope on the newest connection; returns its envelope id. */
    public String deliver(String type, JsonNode payload, boolean acceptsResponsePayload, int retryAttempt) {
        awaitConnections(1, FakeSlack.DEFAULT_WAIT);
        String envelopeId = UUID.randomUUID().toString();
        ObjectNode envelope = json.createObjectNode();
        envelope.put("envelope_id", envelopeId);
        envelope.put("type", type);
        envelope.put("accepts_response_payload", acceptsResponsePayload);
        envelope.put("retry_attempt", retryAttempt);
        envelope.put("retry_reason", retryAttempt > 0 ? "timeout" : "");
        envelope.set("payload", payload);
        deliveredAt.put(envelopeId, System.nanoTime());
        WebSocket socket = open.getLast();
        if (!socket.send(envelope.toString())) throw new IllegalStateException("the app's WebSocket is closed");
        return envelopeId;
    }

    /** Sends {@code disconnect}, as Slack does before it rotates a connection. */
    public void sendDisconnect() {
        open.getLast().send("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\",\"debug_info\":{\"host\":\"fake\"}}");
    }

    /** Cuts every connection abruptly, as a network failure would. */
    public void cutConnections() {
        // A server-side WebSocket of MockWebServer has no Call, so cancel() fails; failing it closes its socket
        // without a close frame, which is what the app sees when the network drops.
        open.forEach(ws -> {
            if (ws instanceof RealWebSocket real) real.failWebSocket(new IOException("cut by FakeSlack"), null, false);
            else ws.cancel();
        });
        open.clear();
    }

    /** Waits for the app's ack of {@code envelopeId}. */
    public SocketAck awaitAck(String envelopeId) {
        return awaitAck(envelopeId, FakeSlack.DEFAULT_WAIT);
    }

    public synchronized SocketAck awaitAck(String envelopeId, Duration timeout) {
        waitFor(() -> acks.containsKey(envelopeId), timeout, "the ack of envelope " + envelopeId);
        return acks.get(envelopeId);
    }

    /** The envelopes delivered and not acknowledged (yet). */
    public List<String> unacknowledged() {
        return deliveredAt.keySet().stream().filter(id -> !acks.containsKey(id)).sorted().toList();
    }

    /** Messages from the app that were not acks of a delivered envelope. */
    public List<JsonNode> unexpectedMessages() {
        return List.copyOf(unexpected);
    }

    private void waitFor(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new AssertionError("FakeSlack: timed out after " + timeout + " waiting for " + what);
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    void close() {
        open.forEach(ws -> ws.close(1001, "fake closing"));
        open.clear();
    }
}
