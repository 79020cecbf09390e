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
 * last result for /readyz. Logs when the result changes, not on every check.
 */
final class ModelWatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelWatch.class);

    /** The last check's result. */
    record Status(State state, String detail, Instant checkedAt) {
        static final Status NOT_YET = new Status(State.UNKNOWN, "not checked yet", Instant.EPOCH);
    }

    enum State { UNKNOWN, OK, FAILED }

    private final ChatModel model;
    private final ModelCheckText text;
    private final Duration interval;
    private final AtomicReference<Status> last = new AtomicReference<>(Status.NOT_YET);
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
        Status next = error.map(e -> new Status(State.FAILED, text.problem(e), Instant.now()))
                .orElseGet(() -> new Status(State.OK, text.ok(), Instant.now()));
        Status previous = last.getAndSet(next);
        if (next.state() == State.FAILED && !next.detail().equals(previous.detail())) {
            log.error("model endpoint check failed: {}", next.detail());
        } else if (next.state() == State.OK && previous.state() != State.OK) {
            log.info("model endpoint check passed: {}", next.detail());
        }
        return next;
    }

    private void checkQuietly() {
        try {
            checkNow();
        } catch (RuntimeException e) {
            // A bug in the check must not end the schedule; readiness reports it as failed.
            last.set(new Status(State.FAILED, "the check itself failed: " + e.getClass().getSimpleName(), Instant.now()));
            log.error("model endpoint check threw", e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
