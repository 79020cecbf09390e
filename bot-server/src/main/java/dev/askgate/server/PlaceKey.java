package dev.askgate.server;

import dev.askgate.core.key.KeySpec;

import java.util.Objects;

/**
 * A {@code keys:} entry made ready to open: the place it pays for ({@code slack:T0123ABCD}), the key as read from
 * the launcher's environment (the variable's name in {@code env}) or the file to watch ({@code env} ""), and the
 * {@code OpenAI-Project} to send with it ("" for none).
 */
record PlaceKey(String place, KeySpec key, String env, String project) {
    PlaceKey {
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(key, "key");
        env = env == null ? "" : env;
        project = project == null ? "" : project;
    }
}
