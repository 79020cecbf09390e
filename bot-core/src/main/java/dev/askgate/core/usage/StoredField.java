package dev.askgate.core.usage;

/** The check of an id or name the usage store keeps: short, so that no text can pass for one. */
final class StoredField {
    static final int MAX_LENGTH = 200;

    private StoredField() {
    }

    /** {@code value}, or {@code ""} for a null one that {@code mayBeEmpty}; a long or (when not allowed) blank one is refused. */
    static String check(String name, String value, boolean mayBeEmpty) {
        if (value == null) {
            if (mayBeEmpty) return "";
            throw new NullPointerException(name);
        }
        if (!mayBeEmpty && value.isBlank()) throw new IllegalArgumentException(name + " is blank");
        // Ids and names are short; a long value is text that does not belong in the store.
        if (value.length() > MAX_LENGTH) throw new IllegalArgumentException(name + " is longer than " + MAX_LENGTH);
        return value;
    }
}
