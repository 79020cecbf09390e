package dev.askgate.store;

import dev.askgate.core.usage.ReportGrouping;
import dev.askgate.core.usage.ReportLine;
import dev.askgate.core.usage.UsageStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class SqliteBackupTest {
    private static final Instant NOON = Instant.parse("2026-12-03T12:00:00Z");

    @TempDir
    Path temp;

    @Test
    void aBackupWhileTheStoreIsOpenHoldsEveryCommittedRowAndOpensOnItsOwn() {
        String url = "jdbc:sqlite:" + temp.resolve("askgate.db");
        Path target = temp.resolve("backup.db");
        UsageStore running = UsageStores.open(url, "", "");
        try {
            for (int i = 0; i < 3; i++) running.record(Rows.answer(NOON.plusSeconds(i), "gpt-fake", "req-" + i));
            // The rows are in the write-ahead log, not yet in the database file: a copy of the file alone misses them.
            assertThat(temp.resolve("askgate.db-wal")).isNotEmptyFile();

            SqliteBackup.Result result = SqliteBackup.write(url, target);

            assertThat(result).isInstanceOfSatisfying(SqliteBackup.Result.Written.class, written -> {
                assertThat(written.target()).isEqualTo(target);
                assertThat(written.bytes()).isPositive().isEqualTo(size(target));
            });
            running.record(Rows.answer(NOON.plusSeconds(10), "gpt-fake", "req-after"));
        } finally {
            running.close();
        }
        UsageStore restored = UsageStores.open("jdbc:sqlite:" + target, "", "");
        try {
            assertThat(restored.report(ReportGrouping.MODEL, NOON.minusSeconds(60)))
                    .extracting(ReportLine::group, ReportLine::requests).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("gpt-fake", 3L));
        } finally {
            restored.close();
        }
    }

    @Test
    void anExistingFileIsNeverOverwritten() throws IOException {
        String url = "jdbc:sqlite:" + temp.resolve("askgate.db");
        UsageStores.open(url, "", "").close();
        Path target = Files.writeString(temp.resolve("yesterday.db"), "yesterday's backup");

        assertThat(SqliteBackup.write(url, target)).isEqualTo(new SqliteBackup.Result.TargetExists(target));
        assertThat(target).hasContent("yesterday's backup");
    }

    @Test
    void aMissingDatabaseIsSaidAndNotCreated() {
        Path missing = temp.resolve("none/askgate.db");

        assertThat(SqliteBackup.write("jdbc:sqlite:" + missing, temp.resolve("backup.db")))
                .isEqualTo(new SqliteBackup.Result.NoDatabase(Optional.of(missing)));
        assertThat(missing.getParent()).doesNotExist();
        assertThat(SqliteBackup.write("jdbc:sqlite::memory:", temp.resolve("backup.db")))
                .isEqualTo(new SqliteBackup.Result.NoDatabase(Optional.empty()));
    }

    @Test
    void postgresqlIsLeftToItsOwnToolsAndItsPasswordIsNotRepeated() {
        SqliteBackup.Result result = SqliteBackup.write(
                "jdbc:postgresql://db:5432/askgate?user=askgate&password=FAKEpassword", temp.resolve("backup.db"));

        assertThat(result).isInstanceOfSatisfying(SqliteBackup.Result.NotSqlite.class,
                notSqlite -> assertThat(notSqlite.printableUrl()).contains("password=***").doesNotContain("FAKEpassword"));
        assertThat(temp.resolve("backup.db")).doesNotExist();
    }

    @Test
    void aTargetInAMissingDirectoryIsSaidInWords() {
        String url = "jdbc:sqlite:" + temp.resolve("askgate.db");
        UsageStores.open(url, "", "").close();
        Path target = temp.resolve("no-such-dir/backup.db");

        assertThat(SqliteBackup.write(url, target))
                .isEqualTo(new SqliteBackup.Result.Failed("the directory " + temp.resolve("no-such-dir") + " does not exist"));
        assertThat(target.getParent()).doesNotExist();
    }

    @Test
    void aCopyThatFailsLeavesNoFileBehind() throws IOException {
        Path notADatabase = Files.writeString(temp.resolve("askgate.db"), "x".repeat(4096));
        Path target = temp.resolve("backup.db");

        assertThat(SqliteBackup.write("jdbc:sqlite:" + notADatabase, target))
                .isInstanceOfSatisfying(SqliteBackup.Result.Failed.class,
                        failed -> assertThat(failed.reason()).startsWith("SQLiteException"));
        assertThat(target).doesNotExist();
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
