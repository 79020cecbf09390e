package dev.askgate.core.config;

import java.util.Objects;

/** A secret value (token, signing secret) that never prints itself. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) throw new IllegalArgumentException("secret is blank");
    }

    /** Whether {@code text} contains this secret; for leak checks of outgoing text. */
    public boolean appearsIn(String text) {
        return text != null && text.contains(value);
    }

    @Override
    public String toString() {
        return "Secret[redacted]";
    }
}
