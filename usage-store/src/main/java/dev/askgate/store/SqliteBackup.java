package dev.askgate.store;

import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;

/**
 * A consistent copy of the embedded database while Askgate runs ({@code askgate backup FILE}): SQLite's
 * {@code VACUUM INTO} reads one snapshot (the write-ahead log's committed pages included) in a read transaction,
 * so writers go on, and writes a compacted file that opens on its own. Never {@code cp}: a copy of a file being
 * written, without its {@code -wal}, can be torn or old. The image has no {@code sqlite3}; this needs none.
 */
public final class SqliteBackup {
    /** How long the copy waits for a moment without a checkpoint in progress. */
    private static final int BUSY_TIMEOUT_MS = 10_000;

    /** What a backup came to. */
    public sealed interface Result {
        record Written(Path target, long bytes) implements Result { }

        /** {@code ASKGATE_DB_URL} names PostgreSQL (or nothing Askgate opens): its own tools back it up. */
        record NotSqlite(String printableUrl) implements Result { }

        /** No database file at {@code file} (not yet created, or an in-memory URL when empty). */
        record NoDatabase(Optional<Path> file) implements Result { }

        /** Nothing is overwritten: an older backup of the same name stays as it is. */
        record TargetExists(Path target) implements Result { }

        record Failed(String reason) implements Result { }
    }

    private SqliteBackup() {
    }

    /** Writes a copy of the SQLite database {@code url} names to {@code target}, which must not exist yet. */
    public static Result write(String url, Path target) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(target, "target");
        Optional<StoreUrl> parsed = StoreUrl.parse(url.strip());
        if (parsed.isEmpty() || parsed.get().dialect() != Dialect.SQLITE) {
            return new Result.NotSqlite(StoreUrl.redact(url));
        }
        Optional<Path> file = parsed.get().sqliteFile();
        if (file.isEmpty() || !Files.isRegularFile(file.get())) return new Result.NoDatabase(file);
        Path absolute = target.toAbsolutePath();
        if (!Files.isDirectory(absolute.getParent())) {
            return new Result.Failed("the directory " + absolute.getParent() + " does not exist");
        }
        // Made empty first, atomically (SQLite writes into an empty file): two backups to one name cannot both
        // proceed, and a failure below removes only the file this call made.
        try {
            Files.createFile(absolute);
        } catch (FileAlreadyExistsException e) {
            return new Result.TargetExists(target);
        } catch (IOException e) {
            return new Result.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        try {
            vacuumInto(parsed.get(), absolute);
        } catch (SQLException e) {
            deleteMadeFile(absolute);
            return new Result.Failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        try {
            // VACUUM INTO does not sync what it wrote: a backup said to be written must survive a power cut.
            try (FileChannel channel = FileChannel.open(absolute, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            return new Result.Written(target, Files.size(absolute));
        } catch (IOException e) {
            return new Result.Failed("written, but not synced to disk (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + "); check the file before relying on it");
        }
    }

    private static void vacuumInto(StoreUrl url, Path target) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        try (Connection connection = config.createConnection(url.value());
             PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            // An absolute path: a relative one starting with "file:" would be taken for a URI.
            vacuum.setString(1, target.toString());
            vacuum.execute();
        }
    }

    private static void deleteMadeFile(Path target) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException ignored) {
            // The failure's reason is what the operator needs; a partial file left behind is named by it.
        }
    }
}
