package dev.askgate.core.usage;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.Usage;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One call's reservation (when a budget applied and the store answered, or its count in memory while the store
 * was down) and its ledger row.
 */
final class MeteredCharge implements CallCharge {
    private static final Logger log = LoggerFactory.getLogger(MeteredCharge.class);
    private final MeteredSpending spending;
    private final ChatRequest request;
    private final String model;
    private final Optional<ReservationId> reservation;
    private final Optional<OutageLimits.Hold> held;
    private final Instant at;
    private final PayingKey key;
    private final AtomicBoolean over = new AtomicBoolean();

    MeteredCharge(MeteredSpending spending, ChatRequest request, String model, Optional<ReservationId> reservation,
                  Optional<OutageLimits.Hold> held, Instant at, PayingKey key) {
        this.held = held;
        this.spending = spending;
        this.request = request;
        this.model = model;
        this.reservation = reservation;
        this.at = at;
        this.key = key;
    }

    @Override
    public void finished(ModelResult result, Usage used, Duration latency) {
        if (!over.compareAndSet(false, true)) return;
        held.ifPresent(OutageLimits.Hold::release);
        if (result instanceof ModelResult.Failed failed && neverSent(failed.error())) {
            reservation.ifPresent(id -> spending.release(request.requestId(), id));
            return;
        }
        String reported = result instanceof ModelResult.Completed done && !done.model().isBlank() ? done.model() : model;
        BigDecimal cost = spending.cost(reported, model, used);
        try {
            spending.record(row(result, reported, used, cost, latency));
        } catch (RuntimeException e) {
            // A row the ledger cannot take (an endpoint's odd model name) must not cost the asker the answer.
            log.error("request={} ledger row not written: {}", request.requestId(), e.getMessage());
        }
        reservation.ifPresent(id -> spending.settle(request.requestId(), id, used, cost));
    }

    @Override
    public void release() {
        if (!over.compareAndSet(false, true)) return;
        held.ifPresent(OutageLimits.Hold::release);
        reservation.ifPresent(id -> spending.release(request.requestId(), id));
    }

    /** Failures that happen before a request is written: nothing reached the model, nothing was billed. */
    private static boolean neverSent(ModelError error) {
        return error instanceof ModelError.Busy || error instanceof ModelError.NotSent;
    }

    private LedgerRow row(ModelResult result, String reported, Usage used, BigDecimal cost, Duration latency) {
        Caller caller = request.caller();
        String outcome = switch (result) {
            case ModelResult.Completed done -> "length".equals(done.finishReason()) ? "cut" : "answered";
            case ModelResult.Failed failed -> "failed:" + failed.error().getClass().getSimpleName();
        };
        String upstream = switch (result) {
            case ModelResult.Completed done -> done.upstreamRequestId();
            case ModelResult.Failed failed -> failed.error().upstreamRequestId();
        };
        return new LedgerRow(at, caller.platform().name().toLowerCase(), caller.workspaceId(), caller.channelId(),
                caller.userId(), reported, used, cost, outcome, latency, upstream, key.name(), key.key(),
                request.requestId());
    }
}
