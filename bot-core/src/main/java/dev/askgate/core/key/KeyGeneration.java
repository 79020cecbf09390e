package dev.askgate.core.key;

import java.util.Objects;

/**
 * Which key a request carried, without the key: its generation number and its origin ({@code env} or
 * {@code file /run/secrets/openai}). The interceptor tags each request with it.
 */
public record KeyGeneration(long number, String origin) {
    public KeyGeneration {
        if (number < 1) throw new IllegalArgumentException("generation starts at 1");
        Objects.requireNonNull(origin, "origin");
    }

    @Override
    public String toString() {
        return "key generation " + number + " (" + origin + ")";
    }
}
