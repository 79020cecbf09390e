package dev.askgate.core.usage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the usage store answered its last call, as every user of the store saw it (budgets, dedupe, the
 * launcher's periodic check): for {@code /readyz}, and so that an outage is logged once when it starts and once
 * when it ends, not once per question.
 */
public final class StoreHealth {
    private static final Logger log = LoggerFactory.getLogger(StoreHealth.class);
    private static final String UP = "";
    /** While the store is down, a question tries it again at most this often instead of waiting for its timeout. */
    private static final long RETRY_NANOS = 5_000_000_000L;

    /** Empty while the store answers; else why it does not. */
    private final AtomicReference<String> problem = new AtomicReference<>(UP);
    private volatile long lastFailure;

    public void reachable() {
        String before = problem.getAndSet(UP);
        if (!before.isEmpty()) log.info("Usage store reachable again");
    }

    /** {@code reason} must carry no secret: store exceptions name the URL with its password cut out. */
    public void unreachable(String reason) {
        String said = reason == null || reason.isBlank() ? "unreachable" : reason;
        lastFailure = System.nanoTime();
        String before = problem.getAndSet(said);
        if (before.isEmpty()) {
            log.error("Usage store unreachable: {}; questions under a USD or token budget are refused, "
                    + "others answered with their ledger rows buffered", said);
        }
    }

    /**
     * Whether a caller on the answer path should ask the store now: always while it is up, and while it is down once
     * every few seconds, so that an outage costs each question nothing rather than a connection timeout.
     */
    public boolean worthTrying() {
        return up() || System.nanoTime() - lastFailure >= RETRY_NANOS;
    }

    public boolean up() {
        return problem.get().isEmpty();
    }

    /** For {@code /readyz}: {@code reachable}, or the reason it is not. */
    public String detail() {
        String now = problem.get();
        return now.isEmpty() ? "reachable" : "down: " + now;
    }
}
