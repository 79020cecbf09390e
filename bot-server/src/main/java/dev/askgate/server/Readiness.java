package dev.askgate.server;

import dev.askgate.core.ChatPlatform;
import dev.askgate.core.usage.StoreHealth;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether Askgate can answer: the model endpoint's last check passed, every enabled platform is connected,
 * the usage store answers, and no shutdown has begun. Each check is listed for /readyz, without secrets.
 */
final class Readiness {

    /** One line of the readiness report. */
    record Check(String name, boolean ok, String detail) { }

    /** The whole report; {@code status} is {@code ready}, {@code not ready} or {@code stopping}. */
    record Report(boolean ready, String status, List<Check> checks) { }

    private final ModelWatch model;
    private final List<ChatPlatform> platforms;
    private final Optional<StoreHealth> store;
    private volatile boolean stopping;

    /** @param store the usage store's health: a store that is down makes Askgate not ready (and says so) */
    Readiness(ModelWatch model, List<ChatPlatform> platforms, Optional<StoreHealth> store) {
        this.model = Objects.requireNonNull(model, "model");
        this.platforms = List.copyOf(platforms);
        this.store = Objects.requireNonNull(store, "store");
    }

    /** From now on the report says "stopping" and is never ready again. */
    void stopping() {
        stopping = true;
    }

    Report report() {
        List<Check> checks = new ArrayList<>();
        ModelWatch.Status status = model.status();
        checks.add(new Check("model", status.state() == ModelWatch.State.OK, status.detail()));
        for (ChatPlatform platform : platforms) {
            checks.add(platformCheck(platform));
        }
        store.ifPresent(health -> checks.add(new Check("usage store", health.up(), health.detail())));
        boolean allOk = checks.stream().allMatch(Check::ok);
        if (stopping) return new Report(false, "stopping", checks);
        return new Report(allOk, allOk ? "ready" : "not ready", checks);
    }

    private static Check platformCheck(ChatPlatform platform) {
        try {
            boolean ready = platform.ready();
            return new Check(platform.name(), ready, ready ? "connected" : "not connected");
        } catch (RuntimeException e) {
            return new Check(platform.name(), false, "readiness check failed: " + e.getClass().getSimpleName());
        }
    }
}
