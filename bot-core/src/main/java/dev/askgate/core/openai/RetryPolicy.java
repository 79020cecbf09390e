package dev.askgate.core.openai;

import dev.askgate.core.model.ModelError;
import okhttp3.Headers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Decides whether a failed call is tried again and after how long, as OpenAI's own SDKs do: up to
 * {@code maxRetries} times for connection errors, timeouts, 408, 409, 429 {@code rate_limit_exceeded} and 5xx;
 * never for {@code insufficient_quota}; {@code x-should-retry} overrides the rest; the delay comes from
 * {@code retry-after-ms}, else {@code Retry-After} (seconds or HTTP date), else {@code min(0.5 s * 2^n, 8 s)}
 * less up to 25 % jitter. A server asking for more than {@link #MAX_SERVER_DELAY} gets no retry.
 */
final class RetryPolicy {
    static final Duration MAX_SERVER_DELAY = Duration.ofSeconds(60);
    private static final Duration INITIAL = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(8);

    private final int maxRetries;
    private final Clock clock;
    private final DoubleSupplier random;

    /** @param random numbers in [0, 1) for jitter */
    RetryPolicy(int maxRetries, Clock clock, DoubleSupplier random) {
        this.maxRetries = maxRetries;
        this.clock = clock;
        this.random = random;
    }

    /**
     * The delay before the next try, or empty for no retry.
     *
     * @param retriesDone  how many retries were already made for this call
     * @param deltasPassed whether text of this attempt already reached the caller (then a retry would repeat it)
     */
    Optional<Duration> next(int retriesDone, ModelError error, Headers headers, boolean deltasPassed) {
        if (retriesDone >= maxRetries || deltasPassed || error instanceof ModelError.QuotaExceeded) {
            return Optional.empty();
        }
        String should = headers.get("x-should-retry");
        boolean retry = "true".equals(should) || !"false".equals(should) && error.retryable();
        if (!retry) return Optional.empty();
        Optional<Duration> asked = serverDelay(headers, clock);
        if (asked.isPresent()) {
            return asked.get().compareTo(MAX_SERVER_DELAY) > 0 ? Optional.empty() : asked;
        }
        return Optional.of(backoff(retriesDone));
    }

    Duration backoff(int retriesDone) {
        long base = Math.min(MAX_BACKOFF.toMillis(), INITIAL.toMillis() << Math.min(retriesDone, 16));
        double jitter = 1 - 0.25 * random.getAsDouble();
        return Duration.ofMillis(Math.round(base * jitter));
    }

    /** What the server asked for: {@code retry-after-ms}, else {@code Retry-After}; empty when neither parses. */
    static Optional<Duration> serverDelay(Headers headers, Clock clock) {
        String ms = headers.get("retry-after-ms");
        if (ms != null) {
            try {
                double value = Double.parseDouble(ms.strip());
                if (value >= 0 && Double.isFinite(value)) return Optional.of(Duration.ofNanos((long) (value * 1e6)));
            } catch (NumberFormatException ignored) {
                // fall through to Retry-After
            }
        }
        String after = headers.get("retry-after");
        if (after == null) return Optional.empty();
        try {
            double seconds = Double.parseDouble(after.strip());
            if (seconds >= 0 && Double.isFinite(seconds)) return Optional.of(Duration.ofMillis((long) (seconds * 1000)));
            return Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Instant when = ZonedDateTime.parse(after.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration until = Duration.between(clock.instant(), when);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
