package dev.askgate.core;

import dev.askgate.core.key.KeySource;
import dev.askgate.core.model.ChatModel;
import dev.askgate.core.usage.PayingKey;
import dev.askgate.core.usage.RedactedKey;

import java.util.Objects;

/**
 * One key and the model client that sends it: the key's name in the ledger ({@code main}, or the place
 * {@code keys:} gives it to, such as {@code slack:T0123ABCD}), the client, and the key's custody.
 */
public record KeyedModel(String name, ChatModel model, KeySource key) {
    public KeyedModel {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new IllegalArgumentException("name is blank");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(key, "key");
    }

    /** The redacted form only: the ledger names the key that paid without holding it. */
    public PayingKey payingKey() {
        return new PayingKey(name, RedactedKey.of(key.current().secret().value()));
    }
}
