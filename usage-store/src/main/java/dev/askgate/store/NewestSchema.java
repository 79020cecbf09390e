package dev.askgate.store;

import java.util.List;

import static dev.askgate.store.AppliedMigration.applied;

/**
 * The migrations this build ships (under {@code db/migration/}), as Flyway's history table records them once
 * applied: a database whose history reads exactly this is at the newest schema, and a restart needs no Flyway.
 * {@code UsageStoreContract} migrates an empty database of each dialect with Flyway and compares its history with
 * this list, so a migration added or changed without updating it fails the build rather than being skipped.
 */
final class NewestSchema {
    private static final List<AppliedMigration> SQLITE = List.of(
            applied("1", "V1__ledger_and_budgets.sql", -421180694),
            applied("2", "V2__seen_events_and_ledger_time_index.sql", -1217052076),
            applied("3", "V3__answer_feedback.sql", -1785633225),
            applied("4", "V4__user_budgets_per_person.sql", -1828775554));
    private static final List<AppliedMigration> POSTGRESQL = List.of(
            applied("1", "V1__ledger_and_budgets.sql", 1070807554),
            applied("2", "V2__seen_events_and_ledger_time_index.sql", -1217052076),
            applied("3", "V3__answer_feedback.sql", -1785633225),
            applied("4", "V4__user_budgets_per_person.sql", 65981642));

    private NewestSchema() {
    }

    static List<AppliedMigration> of(Dialect dialect) {
        return switch (dialect) {
            case SQLITE -> SQLITE;
            case POSTGRESQL -> POSTGRESQL;
        };
    }
}
