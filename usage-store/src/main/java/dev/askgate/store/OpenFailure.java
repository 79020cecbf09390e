package dev.askgate.store;

import dev.askgate.core.usage.UsageStoreException;

/**
 * Words for a store that cannot be opened: one line naming the URL without its password and the deepest cause,
 * with the password scrubbed out of every message, and the cause left off when it would carry the password.
 */
final class OpenFailure {
    private final String url;
    private final String password;

    OpenFailure(String url, String password) {
        this.url = url;
        this.password = password;
    }

    UsageStoreException unknownScheme() {
        return new UsageStoreException("usage store URL " + scrub(StoreUrl.redact(url))
                + " is not supported: use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE");
    }

    UsageStoreException cannotOpen(Throwable e) {
        String message = "usage store at " + scrub(StoreUrl.redact(url)) + " cannot be opened: " + scrub(reason(e));
        return leaks(e) ? new UsageStoreException(message) : new UsageStoreException(message, e);
    }

    /**
     * The outermost message that says something (the pool's "Failed to initialize pool: " left off), and the
     * innermost cause when it adds something, such as {@code (UnknownHostException: db.example)}.
     */
    private static String reason(Throwable e) {
        Throwable outer = e;
        Throwable deepest = e;
        String said = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().replaceFirst("^Failed to initialize pool: ", "");
            if (said == null && !message.isBlank()) {
                said = message;
                outer = t;
            }
            deepest = t;
        }
        if (said == null) return deepest.getClass().getSimpleName();
        String inner = deepest.getMessage();
        if (deepest != outer && inner != null && !said.contains(inner)) {
            said += " (" + deepest.getClass().getSimpleName() + ": " + inner + ")";
        }
        return said;
    }

    private boolean leaks(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = String.valueOf(t.getMessage());
            if (!scrub(text).equals(text) || !StoreUrl.redact(text).equals(text)) return true;
        }
        return false;
    }

    private String scrub(String text) {
        String out = text.replace(url, StoreUrl.redact(url));
        return password.isEmpty() ? out : out.replace(password, "***");
    }
}
