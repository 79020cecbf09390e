package dev.askgate.core.key;

import java.io.Closeable;
import java.util.Optional;

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

    /**
     * Whether {@code text} contains the current key or one this source held before, in any of the
     * {@linkplain KeyForms forms} a model may echo it in (for leak checks).
     */
    boolean appearsIn(String text);

    /**
     * Whether {@code word}, a word the model is still writing, may be the beginning of the current key or of one
     * this source held before ({@link KeyForms#couldBegin}): the answer's stream holds such a word back until it is
     * checked whole, and shows any other at once. A source that cannot tell says yes, so every word waits.
     */
    default boolean couldBegin(String word) {
        return true;
    }

    /**
     * Called after the API rejected the key of generation {@code rejected}: a source that can look again (a key
     * file just completed, a rotation that raced the call) returns a newer key for one more try; empty otherwise.
     */
    default Optional<ApiKey> afterRejection(KeyGeneration rejected) {
        return Optional.empty();
    }

    /** Stops watching for changes, if this source watches; never throws. */
    @Override
    void close();
}
