package dev.askgate.core.render;

/**
 * Thrown by {@link MessageTarget#post} when the target showed nothing and asks for this answer to be shown the
 * other way: the reply then renders the same text again with the {@linkplain Presenter#fallback presenter's
 * fallback}, through the same target (Slack: a native stream that could not start falls back to posted and
 * updated messages). {@code reason} names why, for logs.
 */
public final class SurfaceDeclined extends RuntimeException {
    private final String reason;

    public SurfaceDeclined(String reason) {
        super("the surface declined the answer: " + reason, null, false, false);
        this.reason = reason == null ? "" : reason;
    }

    /** Why the surface declined (a platform's error code), for logs. */
    public String reason() {
        return reason;
    }
}
