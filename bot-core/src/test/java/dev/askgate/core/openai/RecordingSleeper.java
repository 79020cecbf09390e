package dev.askgate.core.openai;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sleeper that remembers the delays asked of it and does not wait. */
final class RecordingSleeper implements Sleeper {
    private final List<Duration> delays = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration delay) {
        delays.add(delay);
    }

    List<Duration> delays() {
        return List.copyOf(delays);
    }
}
