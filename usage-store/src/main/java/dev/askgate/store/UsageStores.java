package dev.askgate.store;

import com.zaxxer.hikari.HikariDataSource;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.core.usage.UsageStoreException;

import java.util.Objects;

/**
 * Opens the usage store a JDBC URL names: {@code jdbc:sqlite:FILE} (the default, embedded; the file's directory is
 * created) or {@code jdbc:postgresql://…} (shared by replicas). The schema is migrated before the store is returned.
 */
public final class UsageStores {
    /** The default of {@code ASKGATE_DB_URL}. */
    public static final String DEFAULT_URL = "jdbc:sqlite:./data/askgate.db";

    private UsageStores() {
    }

    /** Opens {@code url}; {@code user} and {@code password} may be empty (SQLite needs neither). */
    public static UsageStore open(String url, String user, String password) {
        return open(url, user, password, StoreSettings.defaults());
    }

    /**
     * Opens {@code url} with {@code settings}. A bad or unreachable URL is one {@link UsageStoreException} whose
     * message names the URL with its password cut out, and says why.
     */
    public static UsageStore open(String url, String user, String password, StoreSettings settings) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(settings, "settings");
        OpenFailure failure = new OpenFailure(url, password);
        StoreUrl parsed = StoreUrl.parse(url).orElseThrow(failure::unknownScheme);
        HikariDataSource pool = null;
        try {
            pool = Pools.open(parsed, user, password, settings);
            Migrations.migrate(pool, parsed.dialect());
            return new JdbcUsageStore(pool, parsed.dialect(), settings);
        } catch (RuntimeException e) {
            if (pool != null) pool.close();
            throw failure.cannotOpen(e);
        }
    }
}
