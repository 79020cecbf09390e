package dev.askgate.core;

import java.time.Duration;

/** A chat platform connection (Discord, Slack) that the launcher starts, watches and stops. */
public interface ChatPlatform {
    /** A short name for logs and /readyz ("discord", "slack"). */
    String name();

    /** Connects; throws when the platform refuses (bad token) so that start-up can say so. */
    void start() throws Exception;

    /** Whether the platform connection is up and events can arrive. */
    boolean ready();

    /** Stops taking new work, lets work in flight finish for up to {@code grace}, then disconnects. */
    void stop(Duration grace);
}
