package dev.askgate.core.key;

import dev.askgate.core.config.Secret;

import java.util.Objects;

/** A key given once (from {@code OPENAI_API_KEY}); it changes only with a restart. */
public final class FixedKeySource implements KeySource {
    private final ApiKey key;
    private final KeyForms forms;

    public FixedKeySource(Secret key) {
        this(key, "env OPENAI_API_KEY");
    }

    public FixedKeySource(Secret key, String origin) {
        this.key = new ApiKey(Objects.requireNonNull(key, "key"), new KeyGeneration(1, origin));
        this.forms = KeyForms.of(key.value());
    }

    @Override
    public ApiKey current() {
        return key;
    }

    @Override
    public boolean appearsIn(String text) {
        return forms.foundIn(text);
    }

    @Override
    public boolean couldBegin(String word) {
        return forms.couldBegin(word);
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "FixedKeySource[redacted, " + key.generation() + "]";
    }
}
