package dev.askgate.core.usage;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Request and concurrency limits counted in this replica's memory while the usage store cannot be reached, so that
 * "open for service" is not "open to a flood": with the store down a user still gets at most their concurrent calls
 * and requests per minute here (each replica counts alone until the store is back). Money and token limits never
 * come here: they are refused while spending cannot be checked. Check-and-count is one step under one lock, as the
 * store's reservation is one transaction.
 */
final class OutageLimits {
    private final ReentrantLock lock = new ReentrantLock();
    /** Calls in flight per concurrency limit and subject. */
    private final Map<Key, Long> inFlight = new HashMap<>();
    /** Requests per limit and subject in the current minute ({@link #minute}); cleared when the minute turns. */
    private final Map<Key, Long> thisMinute = new HashMap<>();
    private Instant minute = Instant.EPOCH;

    private record Key(BudgetLimit limit, String subject) { }

    /** What a reservation in memory came to. */
    sealed interface Result {
        /** Counted; {@link Hold#release} ends the call's share of its concurrency limits. */
        record Held(Hold hold) implements Result { }

        /** Nothing counted: {@code limit} would be passed, as the store would have said. */
        record Refused(BudgetLimit limit, long used, Instant resetsAt) implements Result { }
    }

    /** A call's place in the concurrency counts; releasing twice releases once. */
    final class Hold {
        private final List<Key> concurrent;
        private boolean released;

        private Hold(List<Key> concurrent) {
            this.concurrent = concurrent;
        }

        void release() {
            lock.lock();
            try {
                if (released) return;
                released = true;
                for (Key key : concurrent) inFlight.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Counts every request and concurrency charge of {@code charges} at {@code now}, or none. */
    Result reserve(List<BudgetCharge> charges, Instant now) {
        Objects.requireNonNull(charges, "charges");
        lock.lock();
        try {
            Instant current = BudgetPeriod.MINUTE.start(now);
            if (!current.equals(minute)) {
                minute = current;
                thisMinute.clear();
            }
            for (BudgetCharge charge : charges) {
                Map<Key, Long> counts = counts(charge.limit().metric());
                if (counts == null) continue;
                long used = counts.getOrDefault(new Key(charge.limit(), charge.subject()), 0L);
                if (used + charge.amount() > charge.limit().limit()) {
                    return new Result.Refused(charge.limit(), used, charge.limit().metric().period().end(now));
                }
            }
            List<Key> concurrent = charges.stream()
                    .filter(charge -> charge.limit().metric() == BudgetMetric.CONCURRENT)
                    .map(charge -> new Key(charge.limit(), charge.subject())).toList();
            for (BudgetCharge charge : charges) {
                Map<Key, Long> counts = counts(charge.limit().metric());
                if (counts != null) counts.merge(new Key(charge.limit(), charge.subject()), charge.amount(), Long::sum);
            }
            return new Result.Held(new Hold(concurrent));
        } finally {
            lock.unlock();
        }
    }

    /** The counts a metric is held in here; null for the metrics that count money, never held in memory. */
    private Map<Key, Long> counts(BudgetMetric metric) {
        return switch (metric) {
            case CONCURRENT -> inFlight;
            case REQUESTS_PER_MINUTE -> thisMinute;
            case TOKENS_PER_DAY, USD_PER_DAY, USD_PER_MONTH -> null;
        };
    }
}
