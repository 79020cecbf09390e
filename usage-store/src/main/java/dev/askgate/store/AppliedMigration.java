package dev.askgate.store;

/** One row of Flyway's history table, as far as telling whether a schema is the newest needs it. */
record AppliedMigration(String version, String script, int checksum, boolean success) {
    static AppliedMigration applied(String version, String script, int checksum) {
        return new AppliedMigration(version, script, checksum, true);
    }
}
