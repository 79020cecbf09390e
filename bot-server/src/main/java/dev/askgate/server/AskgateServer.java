package dev.askgate.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.ChatPlatform;
import dev.askgate.core.http.HttpRoute;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What {@code serve} runs: the HTTP endpoints, the model watch and the chat platforms, started together and
 * stopped gracefully: first readiness turns to 503 and no new work is taken, then work in flight gets what is
 * left of the grace period to finish; the whole shutdown ends within the grace period.
 */
final class AskgateServer {
    private static final Logger log = LoggerFactory.getLogger(AskgateServer.class);
    private static final Duration MAX_DISCONNECT = Duration.ofSeconds(2);

    private final Duration grace;
    private final ModelWatch watch;
    private final List<ChatPlatform> platforms;
    private final Readiness readiness;
    private final Optional<UsageParts> usage;
    private final HttpEndpoints endpoints;
    private final AtomicBoolean shutdownBegun = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread signalHook = new Thread(() -> {
        shutdown();
        Runtime.getRuntime().halt(0);
    }, "askgate-shutdown");

    AskgateServer(ServerConfig config, ModelWatch watch, List<ChatPlatform> platforms, List<HttpRoute> routes,
                  ObjectMapper json) throws IOException {
        this(config, watch, platforms, routes, json, Optional.empty());
    }

    /**
     * @param usage the usage store: its health is part of /readyz, and it is closed (the ledger flushed) once the
     *              platforms have stopped, before the process may halt
     */
    AskgateServer(ServerConfig config, ModelWatch watch, List<ChatPlatform> platforms, List<HttpRoute> routes,
                  ObjectMapper json, Optional<UsageParts> usage) throws IOException {
        this.grace = config.shutdownGrace();
        this.watch = watch;
        this.platforms = List.copyOf(platforms);
        this.usage = usage;
        this.readiness = new Readiness(watch, this.platforms, usage.map(UsageParts::health));
        this.endpoints = new HttpEndpoints(config.port(), config.http(), ProbeRoutes.of(readiness, json), routes);
    }

    /**
     * Opens the HTTP port (so /healthz answers while platforms connect), starts the model watch, then each
     * platform. A platform that refuses to start is an {@link IllegalStateException} naming it.
     */
    void start() {
        endpoints.start();
        watch.start();
        for (ChatPlatform platform : platforms) {
            try {
                platform.start();
                log.info("platform {} started", platform.name());
            } catch (Exception e) {
                throw new IllegalStateException(platform.name() + " did not start: " + e.getMessage(), e);
            }
        }
        log.info("serving on port {}: platforms {}, readiness at /readyz", port(),
                platforms.stream().map(ChatPlatform::name).toList());
    }

    /** The bound HTTP port. */
    int port() {
        return endpoints.port();
    }

    /**
     * Makes SIGTERM (and Ctrl-C) run {@link #shutdown()}, then end the process with status 0. A JVM stopped by a
     * signal would exit 143; after a clean drain the exit is clean, hence the halt once the drain is done.
     */
    void shutdownOnSignal() {
        Runtime.getRuntime().addShutdownHook(signalHook);
    }

    /** Undoes {@link #shutdownOnSignal()}, for an exit with another status. */
    void keepExitStatus() {
        try {
            Runtime.getRuntime().removeShutdownHook(signalHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook runs either way
        }
    }

    /** Blocks until {@link #shutdown()} has finished. */
    void awaitShutdown() throws InterruptedException {
        stopped.await();
    }

    /**
     * Stops gracefully within the grace period, counted from this call: platforms and HTTP routes finish the work
     * in flight with the time that is left, and whatever still runs at the end is abandoned. Safe to call more
     * than once and from several threads (each returns when it is done).
     */
    void shutdown() {
        if (!shutdownBegun.compareAndSet(false, true)) {
            awaitQuietly();
            return;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        log.info("shutting down: taking no new work, waiting up to {} s for work in flight", grace.toSeconds());
        readiness.stopping();
        endpoints.stopAccepting();
        try {
            stopPlatforms(deadline);
            if (!endpoints.awaitIdle(left(deadline))) {
                log.warn("HTTP requests still running after the grace period; closing them");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            endpoints.close();
            watch.close();
            usage.ifPresent(UsageParts::close);
            log.info("stopped");
            stopped.countDown();
        }
    }

    /**
     * Stops the platforms side by side. Each is told to finish its work a little before the deadline, keeping
     * time to disconnect; one still stopping at the deadline is interrupted and abandoned.
     */
    private void stopPlatforms(long deadline) throws InterruptedException {
        Duration left = left(deadline);
        Duration forWork = left.minus(disconnectAllowance(left));
        List<Callable<Void>> stops = new ArrayList<>();
        for (ChatPlatform platform : platforms) {
            stops.add(() -> {
                try {
                    platform.stop(forWork);
                    log.info("platform {} stopped", platform.name());
                } catch (RuntimeException e) {
                    log.warn("platform {} did not stop cleanly: {}", platform.name(), ExceptionLine.of(e));
                    log.debug("platform {} did not stop cleanly", platform.name(), e);
                }
                return null;
            });
        }
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            List<Future<Void>> done = executor.invokeAll(stops, left(deadline).toNanos(), TimeUnit.NANOSECONDS);
            for (int i = 0; i < done.size(); i++) {
                if (done.get(i).isCancelled()) {
                    log.warn("platform {} was still stopping at the end of the grace period; abandoned it",
                            platforms.get(i).name());
                }
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /** A tenth of the time left, at most 2 s: the part a platform keeps for disconnecting after its work. */
    private static Duration disconnectAllowance(Duration left) {
        Duration tenth = left.dividedBy(10);
        return tenth.compareTo(MAX_DISCONNECT) > 0 ? MAX_DISCONNECT : tenth;
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private void awaitQuietly() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
