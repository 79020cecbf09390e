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

    /** The innermost message, where the driver says what really went wrong (refused, unknown host, bad password). */
    private static String reason(Throwable e) {
        Throwable deepest = e;
        String message = e.getMessage();
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
            if (deepest.getMessage() != null) message = deepest.getMessage();
        }
        return message == null ? deepest.getClass().getSimpleName() : message;
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
