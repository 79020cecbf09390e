package dev.askgate.server;

import dev.askgate.store.SqliteBackup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code askgate backup FILE}: a consistent copy of the SQLite usage store ({@code ASKGATE_DB_URL}) while serve
 * runs, for operators of the image, which has no {@code sqlite3} ({@code docker compose exec askgate java -jar
 * /app/askgate.jar backup /data/backup.db}). Exit status: 0 written, 1 not written, 2 nothing for this command
 * to back up (PostgreSQL).
 */
final class BackupCommand {
    private final StoreConfig store;
    private final PrintStream out;
    private final PrintStream err;

    BackupCommand(StoreConfig store, PrintStream out, PrintStream err) {
        this.store = Objects.requireNonNull(store, "store");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
    }

    int run(Path target) {
        return switch (SqliteBackup.write(store.url(), target)) {
            case SqliteBackup.Result.Written written -> {
                out.println("askgate: backup written to " + written.target() + " (" + written.bytes() + " bytes)");
                yield 0;
            }
            case SqliteBackup.Result.TargetExists exists -> {
                err.println("askgate: " + exists.target() + " exists already: choose a new name (nothing was overwritten)");
                yield 1;
            }
            case SqliteBackup.Result.NoDatabase none -> {
                err.println("askgate: no database to back up " + none.file().map(file -> "at " + file)
                        .orElse("(an in-memory database)") + ": check ASKGATE_DB_URL (serve creates the file)");
                yield 1;
            }
            case SqliteBackup.Result.NotSqlite other -> {
                err.println("askgate: backup copies the embedded SQLite database; ASKGATE_DB_URL is " + other.printableUrl()
                        + ": back up PostgreSQL with pg_dump");
                yield 2;
            }
            case SqliteBackup.Result.Failed failed -> {
                err.println("askgate: the backup to " + target + " failed: " + failed.reason());
                yield 1;
            }
        };
    }
}
