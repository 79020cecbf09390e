package dev.askgate.core.model;

import java.time.Duration;
import java.util.Objects;

/**
 * Why a model call failed, by category. Each carries the upstream {@code x-request-id} when there was one
 * (empty otherwise) and says whether trying again may help. Texts never contain the API key.
 */
public sealed interface ModelError extends FailureCause {

    String upstreamRequestId();

    /** Whether the same call may succeed if repeated later. */
    boolean retryable();

    /** 401: the key is invalid or revoked. */
    record InvalidKey(String upstreamRequestId) implements ModelError {
        public InvalidKey { upstreamRequestId = orEmpty(upstreamRequestId); }
        public boolean retryable() { return false; }
    }

    /** 403: the key may not use this model or region. */
    record PermissionDenied(String message, String upstreamRequestId) implements ModelError {
        public PermissionDenied { message = orEmpty(message); upstreamRequestId = orEmpty(upstreamRequestId); }
        public boolean retryable() { return false; }
    }

    /** 404: the model does not exist, or this key cannot see it. */
    record ModelNotFound(String model, String upstreamRequestId) implements ModelError {
        public ModelNotFound { model = orEmpty(model); upstreamRequestId = orEmpty(upstreamRequestId); }
        public boolean retryable() { return false; }
    }

    /** 400 {@code context_length_exceeded}. */
    record ContextTooLong(String upstreamRequestId) implements ModelError {
        public ContextTooLong { upstreamRequestId = orEmpty(upstreamRequestId); }
        public boolean retryable() { return false; }
    }

    /** 429 {@code rate_limit_exceeded}: try again after {@code retryAfter} (zero when unknown). */
    record RateLimited(Duration retryAfter, String upstreamRequestId) implements ModelError {
        public RateLimited {
            retryAfter = retryAfter == null || retryAfter.isNegative() ? Duration.ZERO : retryAfter;
            upstreamRequestId = orEmpty(upstreamRequestId);
        }
        public boolean retryable() { return true; }
    }

    /** 429 {@code insufficient_quota}: billing; never retried. */
    record QuotaExceeded(String upstreamRequestId) implements ModelError {
        public QuotaExceeded { upstreamRequestId = orEmpty(upstreamRequestId); }
        public boolean retryable() { return false; }
    }

    /** 5xx, 408, 409: the model service had trouble. */
    record Upstream(int status, String upstreamRequestId) implements ModelError {
        public Upstream { upstreamRequestId = orEmpty(upstreamRequestId); }
        public boolean retryable() { return true; }
    }

    /** Another 4xx the API explained: {@code type} and {@code code} as the API gave them. */
    record Rejected(int status, String type, String code, String message, String upstreamRequestId)
            implements ModelError {
        public Rejected {
            type = orEmpty(type); code = orEmpty(code); message = orEmpty(message);
            upstreamRequestId = orEmpty(upstreamRequestId);
        }
        public boolean retryable() { return false; }
    }

    /**
     * The client failed before anything was sent (a bug, or a request OkHttp refuses to build, such as a key with
     * a stray character in a header): OpenAI declined nothing, so this is no HTTP rejection. Not retried, since the
     * same request would fail the same way. {@code reason} names the failure, never a header's value.
     */
    record NotSent(String reason) implements ModelError {
        public NotSent { reason = orEmpty(reason); }
        public String upstreamRequestId() { return ""; }
        public boolean retryable() { return false; }
    }

    /** No answer, or a silent stream, for longer than the configured timeout. */
    record Timeout(Duration after, String upstreamRequestId) implements ModelError {
        public Timeout { Objects.requireNonNull(after, "after"); upstreamRequestId = orEmpty(upstreamRequestId); }
        public boolean retryable() { return true; }
    }

    /** The connection could not be made or broke before an answer began. */
    record Network(String detail) implements ModelError {
        public Network { detail = orEmpty(detail); }
        public String upstreamRequestId() { return ""; }
        public boolean retryable() { return true; }
    }

    /** The stream broke after {@code charsReceived} characters of the answer had arrived. */
    record StreamBroken(int charsReceived, String upstreamRequestId) implements ModelError {
        public StreamBroken { upstreamRequestId = orEmpty(upstreamRequestId); }
        public boolean retryable() { return true; }
    }

    /**
     * No model call could start: {@code maxConcurrent} calls were already open and none ended within
     * {@code waited}. Nothing was sent.
     */
    record Busy(int maxConcurrent, Duration waited) implements ModelError {
        public Busy { Objects.requireNonNull(waited, "waited"); }
        public String upstreamRequestId() { return ""; }
        public boolean retryable() { return true; }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
