package dev.askgate.slack;

import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Runs one Slack Web API call with bounded retries of transient failures: HTTP 5xx, HTTP 429 (after its
 * {@code Retry-After}), {@code ok:false} {@code ratelimited} and Slack's own transient error codes, and network
 * failures. Back-off is {@code min(0.5 s * 2^n, 8 s)} with jitter, at most {@link #ATTEMPTS} attempts.
 *
 * <p>A call that is not idempotent ({@code chat.postMessage}) is never simply sent again when Slack may have
 * done it already (a 5xx, {@code internal_error}, a timeout or a connection lost after the request was sent):
 * the next attempt is told that the outcome is unknown, and looks for the first one's result before posting.
 * Nothing else resends: the Slack client's OkHttp has {@code retryOnConnectionFailure} off.
 */
final class WebApiRetry {
    private static final Logger log = LoggerFactory.getLogger(WebApiRetry.class);
    /** Enough for four 429s in a row on one call, and a few seconds of Slack trouble. */
    static final int ATTEMPTS = 6;
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(30);
    /** Slack's codes for "try again": the work may or may not have been done. */
    private static final Set<String> TRANSIENT_CODES = Set.of("internal_error", "fatal_error", "service_unavailable",
            "request_timeout");

    private final Duration backoffBase;

    /** One attempt; {@code outcomeUnknown} is true when an earlier attempt may have been carried out by Slack. */
    @FunctionalInterface
    interface Attempt<T> {
        T run(boolean outcomeUnknown) throws IOException, SlackApiException;
    }

    /** Why an attempt failed, and what that means for the next. */
    private sealed interface Failure {
        String code();

        record RateLimited(String code, Duration delay) implements Failure { }

        record Transient(String code, boolean maybeDone) implements Failure { }

        record Fatal(String code) implements Failure { }
    }

    /** @param backoffBase the first back-off (0.5 s in production; doubles per attempt, at most 16 times it) */
    WebApiRetry(Duration backoffBase) {
        this.backoffBase = backoffBase;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails for good, or {@link #ATTEMPTS} are spent; {@code onRateLimit}
     * hears of every rate-limit answer's wait before it is waited out, so that the pacing backs off too.
     */
    <T> T call(String method, boolean idempotent, Consumer<Duration> onRateLimit, Attempt<T> attempt) {
        boolean unknown = false;
        for (int n = 1; ; n++) {
            Failure failure;
            try {
                return attempt.run(unknown);
            } catch (SlackApiException e) {
                failure = classify(e);
            } catch (SlackCallFailed e) {
                failure = classify(e.error());
            } catch (IOException e) {
                failure = classify(e);
            }
            if (failure instanceof Failure.Fatal || n >= ATTEMPTS) {
                throw new SlackCallFailed(method, failure.code());
            }
            Duration wait = switch (failure) {
                case Failure.RateLimited r -> {
                    onRateLimit.accept(r.delay());
                    yield r.delay();
                }
                case Failure.Transient t -> {
                    if (t.maybeDone() && !idempotent) unknown = true;
                    yield backoff(n);
                }
                case Failure.Fatal f -> throw new IllegalStateException("unreachable");
            };
            log.info("platform=slack {} attempt {} failed ({}); retrying in {} ms", method, n, failure.code(), wait.toMillis());
            sleep(wait);
        }
    }

    /** Checks a response's {@code ok}; a refusal becomes a {@link SlackCallFailed} with Slack's code. */
    static <T extends SlackApiTextResponse> T ok(String method, T response) {
        if (!response.isOk()) throw new SlackCallFailed(method, response.getError());
        return response;
    }

    private static Failure classify(SlackApiException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().code();
        if (status == 429) return new Failure.RateLimited("ratelimited", retryAfter(e.getResponse().header("Retry-After")));
        if (status >= 500) return new Failure.Transient("http_" + status, true);
        String code = e.getError() != null ? e.getError().getError() : null;
        return new Failure.Fatal(code != null && !code.isBlank() ? code : "http_" + status);
    }

    private static Failure classify(String code) {
        if ("ratelimited".equals(code)) return new Failure.RateLimited(code, Duration.ofSeconds(1));
        if (TRANSIENT_CODES.contains(code)) return new Failure.Transient(code, true);
        return new Failure.Fatal(code);
    }

    private static Failure classify(IOException e) {
        // Refused or unresolvable: the request never left, so even a post may simply be sent again.
        boolean notSent = e instanceof ConnectException || e instanceof UnknownHostException
                || e instanceof NoRouteToHostException;
        return new Failure.Transient(e instanceof InterruptedIOException ? "timeout" : "network", !notSent);
    }

    private Duration backoff(int attempt) {
        long base = backoffBase.toMillis() << Math.min(attempt - 1, 4);
        long jitter = (long) (base * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(base + jitter);
    }

    static Duration retryAfter(String header) {
        try {
            long seconds = header == null ? 1 : Long.parseLong(header.trim());
            Duration wait = Duration.ofSeconds(Math.max(1, seconds));
            return wait.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : wait;
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed("sleep", "interrupted");
        }
    }
}
