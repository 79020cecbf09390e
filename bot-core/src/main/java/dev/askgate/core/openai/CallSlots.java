package dev.askgate.core.openai;

import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The open model calls, at most {@link CallLimit#maxConcurrent()}: a call waits up to the busy wait for a slot,
 * first come first served, and otherwise fails as {@link ModelError.Busy} without touching the network. A slot
 * is held for the whole call, retries included.
 */
final class CallSlots {
    private static final Logger log = LoggerFactory.getLogger(CallSlots.class);

    private final CallLimit limit;
    private final Semaphore slots;

    CallSlots(CallLimit limit) {
        this.limit = limit;
        this.slots = new Semaphore(limit.maxConcurrent(), true);
    }

    ModelResult run(String requestId, Supplier<ModelResult> call) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(limit.busyWait().toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            log.debug("request={} no model call slot free within {} ms ({} open)", requestId,
                    limit.busyWait().toMillis(), limit.maxConcurrent());
            return new ModelResult.Failed(new ModelError.Busy(limit.maxConcurrent(), limit.busyWait()));
        }
        try {
            return call.get();
        } finally {
            slots.release();
        }
    }
}
