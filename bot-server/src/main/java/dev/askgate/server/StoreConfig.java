package dev.askgate.server;

import dev.askgate.core.config.Secret;
import dev.askgate.core.config.Settings;
import dev.askgate.store.UsageStores;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the usage store is: {@code ASKGATE_DB_URL} (default {@code jdbc:sqlite:./data/askgate.db}),
 * {@code ASKGATE_DB_USER} and {@code ASKGATE_DB_PASSWORD} or {@code ASKGATE_DB_PASSWORD_FILE} (PostgreSQL only).
 */
public record StoreConfig(String url, String user, Optional<Secret> password) {
    public StoreConfig {
        Objects.requireNonNull(url, "url");
        if (url.isBlank()) throw new IllegalArgumentException("url is blank");
        user = user == null ? "" : user;
        Objects.requireNonNull(password, "password");
    }

    public static StoreConfig from(Settings settings) {
        return new StoreConfig(settings.string("ASKGATE_DB_URL", UsageStores.DEFAULT_URL).strip(),
                settings.string("ASKGATE_DB_USER", "").strip(), settings.secret("ASKGATE_DB_PASSWORD"));
    }

    /** The password, or empty when none is set (SQLite needs none). */
    String passwordValue() {
        return password.map(Secret::value).orElse("");
    }
}
