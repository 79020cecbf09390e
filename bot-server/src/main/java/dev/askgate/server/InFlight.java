package dev.askgate.server;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Counts the route exchanges running, refuses new ones once stopped, and lets a shutdown wait for the rest. */
final class InFlight {
    // A ReentrantLock rather than synchronized: waiting must not pin a virtual thread's carrier on JDK 21.
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int running;
    private boolean stopping;

    /** True when the exchange may run (then {@link #leave()} must follow); false once stopped. */
    boolean enter() {
        lock.lock();
        try {
            if (stopping) return false;
            running++;
            return true;
        } finally {
            lock.unlock();
        }
    }

    void leave() {
        lock.lock();
        try {
            running--;
            idle.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void stop() {
        lock.lock();
        try {
            stopping = true;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until nothing runs, for at most {@code timeout}; true when nothing does. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            while (running > 0) {
                if (left <= 0) return false;
                left = idle.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
