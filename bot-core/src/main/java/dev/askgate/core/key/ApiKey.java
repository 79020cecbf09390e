package dev.askgate.core.key;

import dev.askgate.core.config.Secret;

import java.util.Objects;

/**
 * The key to send now, with its generation (1 for the first key loaded, +1 for each change) and where it came
 * from, so that a rejection can be reported once per key without printing the key.
 */
public record ApiKey(Secret secret, KeyGeneration generation) {
    public ApiKey {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(generation, "generation");
    }

    @Override
    public String toString() {
        return "ApiKey[redacted, " + generation + "]";
    }
}
