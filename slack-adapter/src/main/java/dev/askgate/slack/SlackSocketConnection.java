package dev.askgate.slack;

import com.slack.api.bolt.App;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.socket_mode.SocketModeClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Askgate's Socket Mode connection through Bolt: opened with the app-level token, watched (connected or not),
 * and closed whole — Bolt's {@code SocketModeApp} keeps its thread pool until {@code close()}, also when it
 * never connected.
 */
final class SlackSocketConnection implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackSocketConnection.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);

    private final SocketModeApp sm;
    private volatile boolean connected;

    private SlackSocketConnection(SocketModeApp sm) {
        this.sm = sm;
    }

    /** Connects and waits until the WebSocket is open; on any failure nothing is left running. */
    static SlackSocketConnection open(App app, String appToken, String apiHost) throws Exception {
        SocketModeApp sm = new SocketModeApp(appToken, SocketModeClient.Backend.Tyrus, context -> {
            log.error("platform=slack handling a Socket Mode envelope failed: {}",
                    context.getException() == null ? "unknown" : context.getException().getClass().getName());
            return null;
        }, app);
        SlackSocketConnection connection = new SlackSocketConnection(sm);
        try {
            connection.connect(apiHost);
            return connection;
        } catch (Exception | Error e) {
            connection.close();
            throw e;
        }
    }

    private void connect(String apiHost) throws Exception {
        try {
            sm.startAsync();
        } catch (RuntimeException e) {
            throw refused("(" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", apiHost);
        }
        SocketModeClient client = sm.getClient();
        if (client == null) throw refused("", apiHost); // Bolt's client factory gives null when the open failed
        client.addWebSocketMessageListener(message -> connected = true);
        client.addWebSocketCloseListener((code, reason) -> connected = false);
        long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        while (!client.verifyConnection()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Slack Socket Mode WebSocket did not open within "
                        + CONNECT_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(200);
        }
        connected = true;
        log.info("platform=slack Socket Mode connected (API at {})", apiHost);
    }

    private static IllegalStateException refused(String detail, String apiHost) {
        return new IllegalStateException("Slack Socket Mode could not start with SLACK_APP_TOKEN"
                + (detail.isEmpty() ? "" : " " + detail) + ": check that it is an app-level token with the"
                + " connections:write scope, that Socket Mode is on, and that " + apiHost + " is reachable");
    }

    boolean connected() {
        return connected;
    }

    /** Disconnects and shuts down Bolt's Socket Mode threads; never throws. */
    @Override
    public void close() {
        SocketModeClient client = sm.getClient();
        try {
            sm.close();
            if (client != null) client.close();
        } catch (Exception e) {
            log.warn("platform=slack closing the Socket Mode connection failed: {}", e.getClass().getName());
        }
        connected = false;
    }
}
