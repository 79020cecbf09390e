package dev.askgate.server;

import dev.askgate.core.ChatPlatform;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A chat platform for launcher tests: ready once started, and with one piece of "work in flight" that
 * {@link #stop} waits for (up to the grace) until the test calls {@link #finishWork}.
 */
final class TestPlatform implements ChatPlatform {
    private final String name;
    private final AtomicBoolean connected = new AtomicBoolean();
    private final CountDownLatch workDone = new CountDownLatch(1);
    private final CountDownLatch stopBegan = new CountDownLatch(1);
    private volatile boolean takingWork = true;
    private volatile boolean workFinishedBeforeDisconnect;
    private volatile Duration graceGiven;

    TestPlatform(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start() {
        connected.set(true);
    }

    @Override
    public boolean ready() {
        return connected.get();
    }

    @Override
    public void stop(Duration grace) {
        graceGiven = grace;
        takingWork = false;
        stopBegan.countDown();
        try {
            workFinishedBeforeDisconnect = workDone.await(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connected.set(false);
    }

    void disconnect() {
        connected.set(false);
    }

    void finishWork() {
        workDone.countDown();
    }

    boolean awaitStopBegan(Duration timeout) throws InterruptedException {
        return stopBegan.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean takingWork() {
        return takingWork;
    }

    boolean workFinishedBeforeDisconnect() {
        return workFinishedBeforeDisconnect;
    }

    Duration graceGiven() {
        return graceGiven;
    }
}
