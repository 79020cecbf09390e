package dev.askgate.server;

import dev.askgate.core.config.Secret;
import dev.askgate.core.config.Settings;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the usage store is ({@code ASKGATE_DB_URL}, with {@code ASKGATE_DB_USER} and {@code ASKGATE_DB_PASSWORD} or
 * its {@code _FILE}), and how long ledger rows are kept ({@code ASKGATE_LEDGER_RETENTION_DAYS}). Prints no password.
 */
public record StoreConfig(String url, String user, Optional<Secret> password, Duration retention) {
    public static final String DEFAULT_URL = "jdbc:sqlite:./data/askgate.db";
    static final int DEFAULT_RETENTION_DAYS = 400;

    public StoreConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(retention, "retention");
    }

    public static StoreConfig from(Settings settings) {
        String url = settings.string("ASKGATE_DB_URL", DEFAULT_URL).strip();
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            // The value is not quoted: a URL may carry a password.
            settings.problem("ASKGATE_DB_URL must be jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE");
        }
        String user = settings.string("ASKGATE_DB_USER", "").strip();
        Optional<Secret> password = settings.secret("ASKGATE_DB_PASSWORD");
        int days = settings.integer("ASKGATE_LEDGER_RETENTION_DAYS", DEFAULT_RETENTION_DAYS, 1, 36_500);
        return new StoreConfig(url, user, password, Duration.ofDays(days));
    }

    /** The password for the driver; empty when none is set. */
    String passwordValue() {
        return password.map(Secret::value).orElse("");
    }

    @Override
    public String toString() {
        return "StoreConfig[url=(not shown), user=" + user + ", password=" + (password.isPresent() ? "set" : "unset")
                + ", retention=" + retention.toDays() + " days]";
    }
}
