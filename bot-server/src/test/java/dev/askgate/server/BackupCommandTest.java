package dev.askgate.server;

import dev.askgate.core.usage.UsageStore;
import dev.askgate.store.UsageStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code askgate backup FILE}: a consistent copy of the SQLite store, without the sqlite3 tool the image lacks. */
class BackupCommandTest {
    @TempDir
    Path temp;

    @Test
    void aBackupOfTheConfiguredDatabaseIsWrittenAndSaidOnStdout() {
        String url = "jdbc:sqlite:" + temp.resolve("askgate.db");
        UsageStore store = UsageStores.open(url, "", "");
        store.firstSighting("slack", "Ev0BACKUP");
        Path target = temp.resolve("askgate-2026-12-03.db");

        AskgateRun run = AskgateRun.run(Map.of("ASKGATE_DB_URL", url), "", "backup", target.toString());
        store.close();

        assertThat(run.status).isZero();
        assertThat(run.out).startsWith("askgate: backup written to " + target + " (").endsWith(" bytes)\n");
        assertThat(run.err).isEmpty();
        UsageStore restored = UsageStores.open("jdbc:sqlite:" + target, "", "");
        assertThat(restored.firstSighting("slack", "Ev0BACKUP")).as("the event is already in the backup").isFalse();
        restored.close();
    }

    @Test
    void anExistingTargetIsKeptAndTheCommandFails() throws IOException {
        String url = "jdbc:sqlite:" + temp.resolve("askgate.db");
        UsageStores.open(url, "", "").close();
        Path target = Files.writeString(temp.resolve("old.db"), "an older backup");

        AskgateRun run = AskgateRun.run(Map.of("ASKGATE_DB_URL", url), "", "backup", target.toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.err).isEqualTo("askgate: " + target + " exists already: choose a new name (nothing was overwritten)\n");
        assertThat(target).hasContent("an older backup");
    }

    @Test
    void postgresqlIsPointedToPgDumpWithoutItsPassword() {
        AskgateRun run = AskgateRun.run(Map.of("ASKGATE_DB_URL", "jdbc:postgresql://db:5432/askgate?password=FAKEsecret"),
                "", "backup", temp.resolve("b.db").toString());

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("pg_dump").contains("password=***").doesNotContain("FAKEsecret");
    }

    @Test
    void aMissingDatabaseNamesTheFileAndTheVariable() {
        Path missing = temp.resolve("data/askgate.db");

        AskgateRun run = AskgateRun.run(Map.of("ASKGATE_DB_URL", "jdbc:sqlite:" + missing), "", "backup",
                temp.resolve("b.db").toString());

        assertThat(run.status).isEqualTo(1);
        assertThat(run.err).contains(missing.toString()).contains("ASKGATE_DB_URL");
        assertThat(missing).doesNotExist();
    }

    @Test
    void withoutATargetFileTheUsageIsShown() {
        AskgateRun run = AskgateRun.run(Map.of(), "", "backup");

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("askgate backup takes one argument, the file to write").contains("usage: askgate");
    }
}
