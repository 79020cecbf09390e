package dev.askgate.core.guard;

import java.util.Optional;

/** Finds text shaped like a credential (API keys, tokens) so that it is sent nowhere. */
public final class SecretGuard {

    /** The kind of secret found, worded for a person ("an OpenAI API key"), or empty. */
    public Optional<String> findSecret(String text) {
        throw new UnsupportedOperationException("TODO(H2)");
    }
}
