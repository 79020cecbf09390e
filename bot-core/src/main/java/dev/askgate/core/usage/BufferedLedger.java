package dev.askgate.core.usage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.askgate.core.Usage;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes ledger rows off the answer path, so that nothing is lost while the store is down: rows wait in a bounded
 * buffer and one writer (a virtual thread) retries with backoff until the store takes them. A settlement the store
 * could not take waits in the same buffer (settling is idempotent, and an expired reservation is still charged), so
 * a call made during an outage still counts against its budgets once the store is back. A full buffer drops new
 * writes and says so at ERROR with the count, never silently; {@link #close} flushes what it can.
 */
public final class BufferedLedger implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BufferedLedger.class);

    private final UsageStore store;
    private final int capacity;
    private final Duration firstRetry;
    private final Duration maxRetry;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Write> buffer = new ArrayDeque<>();
    private final Thread writer;
    private boolean closing;
    private long droppedInEpisode;
    private long droppedTotal;
    private boolean storeDown;

    public BufferedLedger(UsageStore store, int capacity, Duration firstRetry, Duration maxRetry) {
        this.store = Objects.requireNonNull(store, "store");
        if (capacity < 1) throw new IllegalArgumentException("capacity < 1");
        if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("retry delays must be positive, first <= max");
        }
        this.capacity = capacity;
        this.firstRetry = firstRetry;
        this.maxRetry = maxRetry;
        this.writer = Thread.ofVirtual().name("ledger-writer").start(this::writeLoop);
    }

    /** One write the store owes: a ledger row, or a call's settlement. */
    private sealed interface Write {
        record Row(LedgerRow row) implements Write { }

        record Settlement(ReservationId id, Usage usage, BigDecimal costUsd) implements Write { }
    }

    /** Queues {@code row} for the store; returns at once. Rows arriving after {@link #close} are dropped and counted. */
    public void record(LedgerRow row) {
        queue(new Write.Row(Objects.requireNonNull(row, "row")));
    }

    /**
     * Queues a settlement the store did not take on the answer path, to be retried with the rows; returns at once.
     * Dropped and counted like a row when the buffer is full.
     */
    public void settleLater(ReservationId id, Usage usage, BigDecimal costUsd) {
        queue(new Write.Settlement(Objects.requireNonNull(id, "id"), Objects.requireNonNull(usage, "usage"),
                Objects.requireNonNull(costUsd, "costUsd")));
    }

    private void queue(Write write) {
        lock.lock();
        try {
            if (closing || buffer.size() >= capacity) {
                if (droppedInEpisode++ == 0) {
                    log.error("Ledger buffer full ({} rows) or closed: dropping ledger rows until the usage store takes them again", capacity);
                }
                droppedTotal++;
                return;
            }
            buffer.addLast(write);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Rows (and settlements) waiting for the store now: the {@code askgate_ledger_buffered_rows} gauge. */
    public int bufferedRows() {
        lock.lock();
        try {
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    /** Rows dropped since start because the buffer was full or closed. */
    public long droppedRows() {
        lock.lock();
        try {
            return droppedTotal;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until every buffered row is written, or {@code timeout}; true when the buffer is empty. */
    public boolean awaitFlushed(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!buffer.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                changed.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void writeLoop() {
        Duration delay = firstRetry;
        while (true) {
            Write write = nextWrite();
            if (write == null) return;
            try {
                switch (write) {
                    case Write.Row(LedgerRow row) -> store.record(row);
                    case Write.Settlement(ReservationId id, Usage usage, BigDecimal cost) -> store.settle(id, usage, cost);
                }
                delay = firstRetry;
                written();
            } catch (RuntimeException e) {
                failed(e);
                if (!pause(delay)) return;
                delay = delay.multipliedBy(2).compareTo(maxRetry) > 0 ? maxRetry : delay.multipliedBy(2);
            }
        }
    }

    /** The oldest write, waiting for one; null once closing and empty. */
    private Write nextWrite() {
        lock.lock();
        try {
            while (buffer.isEmpty()) {
                if (closing) return null;
                changed.awaitUninterruptibly();
            }
            return buffer.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    private void written() {
        lock.lock();
        try {
            buffer.pollFirst();
            if (storeDown) {
                storeDown = false;
                log.info("Usage store takes ledger rows again; {} still buffered", buffer.size());
            }
            if (droppedInEpisode > 0 && buffer.isEmpty()) {
                log.error("Ledger buffer overflowed: {} ledger rows were dropped while the usage store was down", droppedInEpisode);
                droppedInEpisode = 0;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void failed(RuntimeException e) {
        lock.lock();
        try {
            if (!storeDown) {
                storeDown = true;
                log.warn("Ledger row not written, keeping it buffered ({} rows) and retrying: {}", buffer.size(), e.getMessage());
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits {@code delay} before the next try; false when interrupted by a close that gave up. A close arriving
     * during the wait ends it at once: the store may be back, and the close's own timeout is shorter than a long
     * backoff, which would otherwise let it give up without one more try.
     */
    private boolean pause(Duration delay) {
        lock.lock();
        try {
            boolean closedBefore = closing;
            long left = delay.toNanos();
            while (left > 0 && (closedBefore || !closing)) left = changed.awaitNanos(left);
            return true;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops taking rows and writes what is buffered, for at most {@code timeout}; rows still unwritten are logged as lost. */
    public void close(Duration timeout) {
        lock.lock();
        try {
            closing = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            if (!writer.join(timeout)) writer.interrupt();
            writer.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            writer.interrupt();
            Thread.currentThread().interrupt();
        }
        int lost = bufferedRows();
        long dropped;
        lock.lock();
        try {
            dropped = droppedInEpisode;
        } finally {
            lock.unlock();
        }
        if (lost > 0 || dropped > 0) {
            log.error("Ledger closed with {} buffered rows unwritten and {} rows dropped: the usage store did not take them", lost, dropped);
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
