package dev.askgate.core.metrics;

import dev.askgate.core.model.ModelError;

/** The {@code category} label of a model error: a fixed word per kind, never the error's message. */
public final class ErrorCategory {
    public static final String INVALID_KEY = "invalid_key";
    public static final String QUOTA_EXCEEDED = "insufficient_quota";

    private ErrorCategory() {
    }

    public static String of(ModelError error) {
        return switch (error) {
            case ModelError.InvalidKey e -> INVALID_KEY;
            case ModelError.PermissionDenied e -> "permission_denied";
            case ModelError.ModelNotFound e -> "model_not_found";
            case ModelError.ContextTooLong e -> "context_too_long";
            case ModelError.RateLimited e -> "rate_limited";
            case ModelError.QuotaExceeded e -> QUOTA_EXCEEDED;
            case ModelError.Upstream e -> "upstream";
            case ModelError.Rejected e -> "rejected";
            case ModelError.Timeout e -> "timeout";
            case ModelError.Network e -> "network";
            case ModelError.StreamBroken e -> "stream_broken";
            case ModelError.Busy e -> "busy";
            case ModelError.NotSent e -> "not_sent";
        };
    }
}
