package dev.askgate.core.work;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

class WorkersTest {

    @Test
    void jobsRunOnVirtualThreadsAndStopWaitsForTheOnesInFlight() throws Exception {
        Workers workers = new Workers("test");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean virtual = new AtomicBoolean();
        AtomicBoolean finished = new AtomicBoolean();

        assertThat(workers.submit(() -> {
            virtual.set(Thread.currentThread().isVirtual());
            started.countDown();
            await(release);
            finished.set(true);
        })).isTrue();
        started.await(10, TimeUnit.SECONDS);
        Thread.ofVirtual().start(() -> {
            await(started);
            release.countDown(); // lets the job end while stop is waiting for it
        });

        assertThat(workers.stop(Duration.ofSeconds(30))).isTrue();
        assertThat(finished).isTrue();
        assertThat(virtual).isTrue();
        assertThat(workers.isShutDown()).isTrue();
    }

    @Test
    void onceStoppingNewWorkIsRefused() {
        Workers workers = new Workers("test");

        workers.stop(Duration.ZERO);

        assertThat(workers.stopping()).isTrue();
        assertThat(workers.submit(() -> { })).isFalse();
    }

    @Test
    void workThatOutlastsTheGraceIsInterruptedAndReported() throws Exception {
        Workers workers = new Workers("test");
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        workers.submit(() -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        started.await(10, TimeUnit.SECONDS);

        assertThat(workers.stop(Duration.ofMillis(50))).isFalse();
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aJobThatThrowsDoesNotStopTheOthers() throws Exception {
        Workers workers = new Workers("test");
        CountDownLatch second = new CountDownLatch(1);

        workers.submit(() -> { throw new IllegalStateException("boom"); });
        workers.submit(second::countDown);

        assertThat(second.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(workers.stop(Duration.ofSeconds(10))).isTrue();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
