package dev.askgate.core.usage;

import java.util.Objects;

/** Which key paid for a call, for its ledger row: the key's configured name and OpenAI's redacted form of it. */
public record PayingKey(String name, RedactedKey key) {
    public PayingKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
    }
}
