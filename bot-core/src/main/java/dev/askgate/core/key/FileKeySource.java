package dev.askgate.core.key;

import dev.askgate.core.config.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A key read from a file ({@code OPENAI_API_KEY_FILE}) and reloaded when the file, or Kubernetes' {@code ..data}
 * link beside it, changes: a watcher reacts at once, and every {@link #current()} also compares the file's stamp
 * so that a missed event never leaves a stale key. Calls in flight keep the key they started with. A file that
 * becomes empty or unreadable keeps the last good key and logs a warning (never the key).
 */
public final class FileKeySource implements KeySource {
    private static final Logger log = LoggerFactory.getLogger(FileKeySource.class);
    private static final int FORMER_KEYS_KEPT = 3;

    private final Path file;
    private final String origin;
    private final Deque<Secret> formerKeys = new ArrayDeque<>();
    private volatile ApiKey current;
    private volatile FileStamp lastSeen;
    private volatile KeyFileWatcher watcher;

    private FileKeySource(Path file, Secret first, FileStamp stamp) {
        this.file = file;
        this.origin = "file " + file;
        this.current = new ApiKey(first, new KeyGeneration(1, origin));
        this.lastSeen = stamp;
    }

    /**
     * Reads the key from {@code file} and starts watching its directory. Fails when the file cannot be read or is
     * empty; the message names the file, never its content.
     */
    public static FileKeySource open(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        FileStamp stamp = FileStamp.of(absolute);
        String content = Files.readString(absolute, StandardCharsets.UTF_8).strip();
        if (content.isEmpty()) {
            throw new IOException("the OpenAI key file " + absolute + " is empty");
        }
        FileKeySource source = new FileKeySource(absolute, new Secret(content), stamp);
        source.watcher = KeyFileWatcher.start(absolute.getParent(), source::rereadAfterChange);
        log.info("OpenAI API key loaded from {} (key generation 1)", absolute);
        return source;
    }

    @Override
    public ApiKey current() {
        refreshIfChanged();
        return current;
    }

    @Override
    public boolean appearsIn(String text) {
        if (current.secret().appearsIn(text)) return true;
        synchronized (formerKeys) {
            return formerKeys.stream().anyMatch(k -> k.appearsIn(text));
        }
    }

    @Override
    public void close() {
        KeyFileWatcher w = watcher;
        if (w != null) w.close();
    }

    /** Re-reads the file when its stamp differs from the one last seen. */
    void refreshIfChanged() {
        FileStamp stamp = FileStamp.of(file);
        if (stamp.equals(lastSeen)) return;
        synchronized (this) {
            if (stamp.equals(lastSeen)) return;
            reload(stamp);
        }
    }

    /**
     * Re-reads the file even when its stamp looks unchanged: a same-size rewrite within one clock tick of the
     * file system keeps the stamp, but not the watcher quiet. A bad file already reported is not reported again.
     */
    void rereadAfterChange() {
        FileStamp stamp = FileStamp.of(file);
        synchronized (this) {
            if (stamp.equals(lastSeen) && !stamp.readable()) return;
            reload(stamp);
        }
    }

    /**
     * Reads the file behind {@code stamp}. {@code lastSeen} is published last, after {@code current}: a reader that
     * finds the stamp already seen must also find the key read with it.
     */
    private void reload(FileStamp stamp) {
        boolean reported = stamp.equals(lastSeen); // a bad file is reported once per change, not per request
        FileStamp seen = stamp;
        try {
            if (!stamp.readable()) {
                if (!reported) warnKept("cannot be read (" + stamp.problem() + ")");
                return;
            }
            String content;
            try {
                content = Files.readString(stamp.target(), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                if (!reported) warnKept("cannot be read (" + e.getClass().getSimpleName() + ")");
                return;
            }
            if (!FileStamp.of(file).equals(stamp)) {
                seen = null; // changed while being read: read it again next time
            }
            if (content.isEmpty()) {
                if (!reported) warnKept("is empty");
                return;
            }
            Secret next = new Secret(content);
            if (next.equals(current.secret())) return;
            synchronized (formerKeys) {
                formerKeys.addFirst(current.secret());
                while (formerKeys.size() > FORMER_KEYS_KEPT) formerKeys.removeLast();
            }
            current = new ApiKey(next, new KeyGeneration(current.generation().number() + 1, origin));
            log.info("OpenAI API key reloaded from {} ({})", file, current.generation());
        } finally {
            lastSeen = seen;
        }
    }

    private void warnKept(String what) {
        log.warn("the OpenAI key file {} {}; keeping {}", file, what, current.generation());
    }

    @Override
    public String toString() {
        return "FileKeySource[" + file + ", redacted, " + current.generation() + "]";
    }
}
