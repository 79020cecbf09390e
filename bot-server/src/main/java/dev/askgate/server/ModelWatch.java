package dev.askgate.server;

import dev.askgate.core.model.ChatModel;
import dev.askgate.core.model.ModelCheck;
import dev.askgate.core.model.ModelError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks the model endpoint (one cheap authenticated call) at start and then periodically, and remembers the
 * last result for /readyz. Logs when the result changes (passing, or failing in another category or with another
 * HTTP status), not on every check: a failure is one ERROR line, however many checks fail after it, and a revoked
 * key none of its own (the model client's one line per key says it, for checks and questions alike). A model
 * with a shutdown date ahead is one WARN line with the days left, repeated at most once a day; once the date has
 * passed the check fails (one ERROR line), since the endpoint stops serving the model then.
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

        /** Passing while the date is ahead, failed from the day on: the same date, two kinds. */
        static Kind retiring(LocalDate shutdownDate, State state) {
            return new Kind(state, "shuts down " + shutdownDate, 0);
        }

        static Kind of(RuntimeException bug) {
            return new Kind(State.FAILED, bug.getClass().getName(), 0);
        }
    }

    private final ChatModel model;
    private final ModelCheckText text;
    private final Duration interval;
    private final Clock clock;
    private final AtomicReference<Status> last = new AtomicReference<>(Status.NOT_YET);
    private final AtomicReference<Instant> lastShutdownWarning = new AtomicReference<>(Instant.MIN);
    private volatile boolean closed;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("model-check").factory());

    ModelWatch(ChatModel model, ModelCheckText text, Duration interval) {
        this(model, text, interval, Clock.systemUTC());
    }

    /** @param clock tells the day, for shutdown dates, and when a shutdown warning was last logged */
    ModelWatch(ChatModel model, ModelCheckText text, Duration interval, Clock clock) {
        this.model = Objects.requireNonNull(model, "model");
        this.text = Objects.requireNonNull(text, "text");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
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
        ModelCheck check = model.check();
        // Closing interrupts a check in flight, which then fails as a network error: not news for anyone.
        if (closed) return last.get();
        Instant now = clock.instant();
        ModelCheckText.Verdict verdict = text.verdict(check, LocalDate.ofInstant(now, ZoneOffset.UTC));
        State state = verdict.severity() == ModelCheckText.Severity.FAIL ? State.FAILED : State.OK;
        Status next = new Status(state, verdict.text(), now, kindOf(check, state));
        Status previous = last.getAndSet(next);
        if (verdict.severity() == ModelCheckText.Severity.WARN) {
            warnOfShutdown(verdict, now);
            return next;
        }
        if (next.kind().equals(previous.kind())) return next;
        if (next.state() == State.FAILED && isKeyRejection(check)) {
            // The model client has already said it in one ERROR line per key (KeyRejectionReporter), whether a
            // check or a question met the rejection first: a second line would tell the operator twice.
            log.debug("model endpoint check failed: {}", next.detail());
        } else if (next.state() == State.FAILED) {
            log.error("model endpoint check failed: {}", next.detail());
        } else if (previous.state() == State.FAILED) {
            log.info("model endpoint check passes again: {}", next.detail());
        } else {
            log.info("model endpoint check passed: {}", next.detail());
        }
        return next;
    }

    /** Once when first seen, then at most once a day, so that the days left count down in the log. */
    private void warnOfShutdown(ModelCheckText.Verdict verdict, Instant now) {
        Instant previous = lastShutdownWarning.get();
        boolean due = previous.equals(Instant.MIN) || !now.isBefore(previous.plus(Duration.ofDays(1)));
        if (due && lastShutdownWarning.compareAndSet(previous, now)) {
            log.warn("model endpoint check: {}", verdict.text());
        }
    }

    private static boolean isKeyRejection(ModelCheck check) {
        return check instanceof ModelCheck.Unavailable unavailable && unavailable.error() instanceof ModelError.InvalidKey;
    }

    private static Kind kindOf(ModelCheck check, State state) {
        return switch (check) {
            case ModelCheck.Available ignored -> Kind.PASSED;
            case ModelCheck.Retiring retiring -> Kind.retiring(retiring.shutdownDate(), state);
            case ModelCheck.Unavailable unavailable -> Kind.of(unavailable.error());
        };
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
