package dev.askgate.core.openai;

import java.time.Duration;
import java.util.Objects;

/**
 * How many model calls may be open at once ({@code OPENAI_MAX_CONCURRENT}) and how long a question beyond that
 * waits for a free one ({@code OPENAI_BUSY_WAIT_SECONDS}) before the asker is told the bot is busy. A burst then
 * costs a bounded number of sockets to the model endpoint, not one per question.
 */
public record CallLimit(int maxConcurrent, Duration busyWait) {
    public static final int DEFAULT_MAX_CONCURRENT = 64;
    public static final int MAX_MAX_CONCURRENT = 1024;
    public static final Duration DEFAULT_BUSY_WAIT = Duration.ofSeconds(5);
    public static final CallLimit DEFAULT = new CallLimit(DEFAULT_MAX_CONCURRENT, DEFAULT_BUSY_WAIT);

    public CallLimit {
        if (maxConcurrent < 1 || maxConcurrent > MAX_MAX_CONCURRENT) {
            throw new IllegalArgumentException("maxConcurrent must be 1.." + MAX_MAX_CONCURRENT);
        }
        Objects.requireNonNull(busyWait, "busyWait");
        if (busyWait.isNegative()) throw new IllegalArgumentException("busyWait < 0");
    }
}
