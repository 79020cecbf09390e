package dev.askgate.core.usage;

/** The usage store cannot be opened or reached, or a statement failed; the message never holds a password. */
public final class UsageStoreException extends RuntimeException {
    public UsageStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public UsageStoreException(String message) {
        super(message);
    }
}
