package dev.askgate.server;

import dev.askgate.core.model.ChatModel;
import dev.askgate.core.model.ModelError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks the model endpoint (one cheap authenticated call) at start and then periodically, and remembers the
 * last result for /readyz. Logs when the result changes (passing, or failing in another category or with another
 * HTTP status), not on every check: a revoked key is one ERROR line, however many checks fail after it.
 */
final class ModelWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelWatch.class);

    /** The last check's result; {@code detail} is the operator's words (it may name an upstream request id). */
    record Status(State state, String detail, Instant checkedAt, Kind kind) {
        static final Status NOT_YET = new Status(State.UNKNOWN, "not checked yet", Instant.EPOCH, Kind.NONE);
    }

    enum State { UNKNOWN, OK, FAILED }

    /**
     * What a result is, for deciding whether it changed: the state, the error's category and its HTTP status.
     * The detail text is no good for that, since each failure carries a new upstream request id.
     */
    record Kind(State state, String category, int httpStatus) {
        static final Kind NONE = new Kind(State.UNKNOWN, "", 0);
        static final Kind PASSED = new Kind(State.OK, "", 0);

        static Kind of(ModelError error) {
            int status = switch (error) {
                case ModelError.Upstream e -> e.status();
                case ModelError.Rejected e -> e.status();
                default -> 0;
            };
            return new Kind(State.FAILED, error.getClass().getSimpleName(), status);
        }

        static Kind of(RuntimeException bug) {
            return new Kind(State.FAILED, bug.getClass().getName(), 0);
        }
    }

    private final ChatModel model;
    private final ModelCheckText text;
    private final Duration interval;
    private final AtomicReference<Status> last = new AtomicReference<>(Status.NOT_YET);
    private volatile boolean closed;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("model-check").factory());

    ModelWatch(ChatModel model, ModelCheckText text, Duration interval) {
        this.model = Objects.requireNonNull(model, "model");
        this.text = Objects.requireNonNull(text, "text");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** Checks now (in the background) and then every interval. */
    void start() {
        scheduler.scheduleWithFixedDelay(this::checkQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    Status status() {
        return last.get();
    }

    /** Checks once, on the calling thread. */
    Status checkNow() {
        Optional<ModelError> error = model.check();
        // Closing interrupts a check in flight, which then fails as a network error: not news for anyone.
        if (closed) return last.get();
        Status next = error.map(e -> new Status(State.FAILED, text.problem(e), Instant.now(), Kind.of(e)))
                .orElseGet(() -> new Status(State.OK, text.ok(), Instant.now(), Kind.PASSED));
        Status previous = last.getAndSet(next);
        if (next.kind().equals(previous.kind())) return next;
        if (next.state() == State.FAILED) {
            log.error("model endpoint check failed: {}", next.detail());
        } else if (previous.state() == State.FAILED) {
            log.info("model endpoint check passes again: {}", next.detail());
        } else {
            log.info("model endpoint check passed: {}", next.detail());
        }
        return next;
    }

    private void checkQuietly() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            if (closed) return;
            // A bug in the check must not end the schedule; readiness reports it as failed.
            Kind kind = Kind.of(e);
            Status previous = last.getAndSet(new Status(State.FAILED,
                    "the check itself failed: " + e.getClass().getSimpleName(), Instant.now(), kind));
            if (!kind.equals(previous.kind())) {
                log.error("model endpoint check threw {}", ExceptionLine.of(e));
            }
            log.debug("model endpoint check threw", e);
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
    }
}
