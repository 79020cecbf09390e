package dev.askgate.core.key;

import java.io.Closeable;

/**
 * Custody of the OpenAI API key: the only holder of the key string. {@code ApiKeyInterceptor} asks it for the
 * key to attach; everything else learns only the key's generation, or whether a text contains the key.
 */
public interface KeySource extends Closeable {

    /** The key to send now. */
    ApiKey current();

    /** The generation of the current key, for reports that must not print it. */
    default KeyGeneration generation() {
        return current().generation();
    }

    /** Whether {@code text} contains the current key or one this source held before (for leak checks). */
    boolean appearsIn(String text);

    /** Stops watching for changes, if this source watches; never throws. */
    @Override
    void close();
}
