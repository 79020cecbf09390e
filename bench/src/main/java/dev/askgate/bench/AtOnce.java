package dev.askgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs many blocking tasks at once, each on a virtual thread, all released together: a burst. */
final class AtOnce {
    /** Task {@code i} of a burst. */
    interface Task<T> {
        T run(int i) throws Exception;
    }

    private AtOnce() {
    }

    /** Runs tasks {@code 0..count-1} at once and returns their results in order. */
    static <T> List<T> run(int count, Task<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(threads.submit(() -> {
                    start.await();
                    return task.run(n);
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) results.add(future.get());
            return results;
        }
    }

    /** Runs tasks {@code 0..count-1} on {@code workers} virtual threads at once, each taking the next task. */
    static void spread(int workers, int count, Task<?> task) throws Exception {
        AtomicInteger next = new AtomicInteger();
        run(workers, w -> {
            for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) task.run(i);
            return null;
        });
    }
}
