package dev.askgate.store;

import dev.askgate.core.usage.UsageStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The store contract on SQLite, a fresh file per test in a directory the store creates itself. */
class SqliteUsageStoreTest extends UsageStoreContract {
    @TempDir
    Path temp;

    @Override
    protected String url() {
        return "jdbc:sqlite:" + temp.resolve("data/askgate.db");
    }

    @Test
    void theDatabaseFileAndItsDirectoryAreCreatedAndRunInWalMode() throws SQLException {
        UsageStore store = open();
        assertThat(Files.isRegularFile(temp.resolve("data/askgate.db"))).isTrue();
        try (Connection connection = raw(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualToIgnoringCase("wal");
        }
        store.close();
    }
}
