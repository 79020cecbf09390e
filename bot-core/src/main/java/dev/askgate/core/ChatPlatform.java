package dev.askgate.core;

import dev.askgate.core.http.HttpRoute;

import java.time.Duration;
import java.util.List;

/** A chat platform connection (Discord, Slack) that the launcher starts, watches and stops. */
public interface ChatPlatform {
    /** A short name for logs and /readyz ("discord", "slack"). */
    String name();

    /** Connects; throws when the platform refuses (bad token) so that start-up can say so. */
    void start() throws Exception;

    /** Whether the platform connection is up and events can arrive. */
    boolean ready();

    /** The HTTP endpoints this platform answers on Askgate's port (Slack's HTTP mode); the server only mounts them. */
    default List<HttpRoute> routes() {
        return List.of();
    }

    /** Stops taking new work, lets work in flight finish for up to {@code grace}, then disconnects. */
    void stop(Duration grace);
}
