package dev.askgate.core.key;

import dev.askgate.core.config.Secret;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/** Where the OpenAI key comes from, as configured; {@link #open()} makes the {@link KeySource} that holds it. */
public sealed interface KeySpec {

    /** The key itself, from {@code OPENAI_API_KEY}. */
    record FromValue(Secret key) implements KeySpec {
        public FromValue {
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "FromValue[redacted]";
        }
    }

    /** A file holding the key, from {@code OPENAI_API_KEY_FILE}; it is watched and reloaded. */
    record FromFile(Path file) implements KeySpec {
        public FromFile {
            Objects.requireNonNull(file, "file");
        }
    }

    /** No usable key was configured; a problem line says why, and {@link #open()} fails. */
    record Missing() implements KeySpec { }

    /** The source holding the key; close it on shutdown. */
    default KeySource open() throws IOException {
        return switch (this) {
            case FromValue v -> new FixedKeySource(v.key());
            case FromFile f -> FileKeySource.open(f.file());
            case Missing m -> throw new IllegalStateException("no OpenAI API key is configured");
        };
    }
}
