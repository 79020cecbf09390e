package dev.askgate.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of {@code keys:}: the Slack team or Discord guild ({@code slack:T0123ABCD}) whose calls another key pays
 * for, where that key is (an environment variable's name or a file, never the key itself) and an optional
 * {@code OpenAI-Project}.
 */
public record WorkspaceKey(String place, Optional<String> env, Optional<Path> file, Optional<String> project) {
    public WorkspaceKey {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(project, "project");
        if (env.isPresent() == file.isPresent()) throw new IllegalArgumentException("exactly one of env and file");
    }
}
