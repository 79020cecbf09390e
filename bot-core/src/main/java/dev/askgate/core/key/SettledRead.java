package dev.askgate.core.key;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Reads a key file that is being rewritten in place, once its content has stopped changing: an editor, {@code echo
 * > file} or a script writing in two parts leaves a truncated or half-written key on disk for a moment, and that
 * must not become the key. Stable means the same stamp and the same content across {@code settle}; a file still
 * changing after {@link #MAX_TRIES} such waits is left for the next change.
 */
final class SettledRead {
    static final int MAX_TRIES = 20;

    /** What a settled read found: the stamp and content that held still, or why there was none. */
    record Result(FileStamp stamp, String content, String problem) {
        boolean ok() {
            return problem.isEmpty();
        }
    }

    private final Duration settle;

    SettledRead(Duration settle) {
        this.settle = Objects.requireNonNull(settle, "settle");
    }

    /** Waits until the file at {@code file} (first seen as {@code stamp}) holds still, then returns its content. */
    Result read(Path file, FileStamp stamp) {
        try {
            String content = read(stamp);
            for (int tries = 0; tries < MAX_TRIES; tries++) {
                Thread.sleep(settle);
                FileStamp again = FileStamp.of(file);
                if (!again.readable()) return new Result(again, "", "cannot be read (" + again.problem() + ")");
                String contentAgain = read(again);
                // Replaced whole meanwhile (a rename): that file was complete before it appeared.
                if (!again.sameFileAs(stamp)) return new Result(again, contentAgain, "");
                if (again.equals(stamp) && contentAgain.equals(content)) return new Result(stamp, content, "");
                stamp = again;
                content = contentAgain;
            }
            return new Result(stamp, "", "keeps changing (not still for " + settle.toMillis() + " ms)");
        } catch (IOException e) {
            return new Result(stamp, "", "cannot be read (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(stamp, "", "was being read when the reader was interrupted");
        }
    }

    private static String read(FileStamp stamp) throws IOException {
        return Files.readString(stamp.target(), StandardCharsets.UTF_8);
    }
}
