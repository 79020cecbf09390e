package dev.askgate.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/** Brings the schema to the newest version with Flyway, from empty or from any earlier version. */
final class Migrations {
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    static void migrate(DataSource dataSource, Dialect dialect) {
        migrate(dataSource, dialect, "latest");
    }

    /** Migrates up to {@code target} ("latest", or a version such as "1"), for tests of an upgrade. */
    static void migrate(DataSource dataSource, Dialect dialect, String target) {
        MigrateResult result = Flyway.configure()
                .dataSource(dataSource)
                .locations(dialect.migrations())
                .target(target)
                // Flyway's own check of the schema history; a changed migration file stops the start.
                .validateOnMigrate(true)
                .load()
                .migrate();
        if (result.migrationsExecuted > 0) {
            log.info("Usage store schema migrated to version {} ({} migrations)", result.targetSchemaVersion,
                    result.migrationsExecuted);
        }
    }
}
