package dev.askgate.core.usage;

import dev.askgate.core.Usage;
import dev.askgate.core.model.ModelResult;

import java.time.Duration;

/** One admitted call's reservation and ledger row, finished exactly once however the call ends. */
public interface CallCharge {
    CallCharge NONE = new CallCharge() {
        @Override
        public void finished(ModelResult result, Usage used, Duration latency) {
        }

        @Override
        public void release() {
        }
    };

    /**
     * The call ended with {@code result}, having used {@code used} (reported, or estimated and marked): settles the
     * reservation and records the ledger row; a call that never left Askgate is released instead, without a row.
     */
    void finished(ModelResult result, Usage used, Duration latency);

    /** The call never started (the reply could not be begun): gives the reservation back. */
    void release();
}
