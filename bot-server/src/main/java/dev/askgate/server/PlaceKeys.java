package dev.askgate.server;

import dev.askgate.core.config.Secret;
import dev.askgate.core.config.Settings;
import dev.askgate.core.config.UnreadableSecretFile;
import dev.askgate.core.key.KeyCharacters;
import dev.askgate.core.key.KeySpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds each {@code keys:} entry's key in the launcher's environment or checks its file can be read, so that a
 * missing variable or an unreadable file is a start-up problem naming the place and the variable or file, never a
 * value.
 */
final class PlaceKeys {
    private PlaceKeys() {
    }

    static List<PlaceKey> resolve(Settings settings, String prefix, List<WorkspaceKey> keys) {
        List<PlaceKey> resolved = new ArrayList<>();
        for (WorkspaceKey key : keys) {
            String path = prefix + "keys." + key.place();
            Optional<KeySpec> spec = key.env().isPresent()
                    ? fromEnv(settings, path, key.env().get())
                    : fromFile(settings, path, key.file().orElseThrow());
            spec.ifPresent(s -> resolved.add(new PlaceKey(key.place(), s, key.env().orElse(""),
                    key.project().orElse(""))));
        }
        return resolved;
    }

    private static Optional<KeySpec> fromEnv(Settings settings, String path, String variable) {
        Optional<String> value = settings.string(variable).map(String::strip).filter(v -> !v.isEmpty());
        if (value.isEmpty()) {
            settings.problem(path + ".env names " + variable + ", which is not set: set it to that workspace's "
                    + "OpenAI API key");
            return Optional.empty();
        }
        var bad = KeyCharacters.problem(value.get());
        if (bad.isPresent()) {
            settings.problem(path + ".env: " + variable + " " + bad.get() + " (value not shown): set it again to "
                    + "the key as plain text");
            return Optional.empty();
        }
        return Optional.of(new KeySpec.FromValue(new Secret(value.get())));
    }

    private static Optional<KeySpec> fromFile(Settings settings, String path, Path file) {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (content.isEmpty()) {
                settings.problem(path + ".file points to an empty file (" + file + "): put the API key in it");
                return Optional.empty();
            }
            var bad = KeyCharacters.problem(content);
            if (bad.isPresent()) {
                settings.problem(path + ".file points to a file (" + file + ") whose key " + bad.get()
                        + ": write the key to it again as plain text");
                return Optional.empty();
            }
        } catch (IOException e) {
            settings.problem(UnreadableSecretFile.line(path + ".file", file, e));
            return Optional.empty();
        }
        return Optional.of(new KeySpec.FromFile(file));
    }
}
