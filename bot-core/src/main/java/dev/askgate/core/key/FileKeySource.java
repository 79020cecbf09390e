package dev.askgate.core.key;

import dev.askgate.core.config.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A key read from a file ({@code OPENAI_API_KEY_FILE}) and reloaded when the file, or Kubernetes' {@code ..data}
 * link beside it, changes: a watcher reacts at once, and every {@link #current()} also compares the file's stamp
 * so that a missed event never leaves a stale key. Calls in flight keep the key they started with. A file that
 * becomes empty, unreadable or holds characters a header cannot carry keeps the last good key and logs one
 * warning (never the key).
 *
 * <p>A file replaced whole (a rename, Kubernetes' link swap) is read at once. A file rewritten in place (the same
 * inode) may be read half-written, so its key is taken only once the content has held still for a settle time
 * ({@link SettledRead}); until then callers wait, at most a few settle times. After a 401, {@link #afterRejection}
 * reads the file again once, so that a key completed just after a reload is used before the call fails.
 */
public final class FileKeySource implements KeySource {
    private static final Logger log = LoggerFactory.getLogger(FileKeySource.class);
    private static final int FORMER_KEYS_KEPT = 3;
    /** Long enough for a script's second write, short enough that callers waiting for it hardly notice. */
    public static final Duration DEFAULT_SETTLE = Duration.ofMillis(250);

    private final Path file;
    private final String origin;
    private final SettledRead settled;
    /**
     * The keys before this one, newest first: a model may still echo one. Replaced whole (under {@code this}) and
     * before {@link #currentForms}, so that the lock-free checks of every answer never miss the key being replaced.
     */
    private volatile List<KeyForms> formerKeys = List.of();
    private volatile ApiKey current;
    private volatile KeyForms currentForms;
    /** The stamp of the file last read: the same file later means a rewrite in place. */
    private FileStamp lastRead; // guarded by this
    private volatile FileStamp lastSeen;
    private volatile KeyFileWatcher watcher;
    /** The problem of the file last warned about ("" after a good read): one warning per problem, not per event. */
    private String warned = ""; // guarded by this

    private FileKeySource(Path file, String origin, Secret first, FileStamp stamp, Duration settle) {
        this.file = file;
        this.origin = origin;
        this.settled = new SettledRead(settle);
        this.current = new ApiKey(first, new KeyGeneration(1, origin));
        this.currentForms = KeyForms.of(first.value());
        this.lastRead = stamp;
        this.lastSeen = stamp;
    }

    /**
     * Reads the key from {@code file} and starts watching its directory. Fails when the file cannot be read or is
     * empty; the message names the file, never its content.
     */
    public static FileKeySource open(Path file) throws IOException {
        return open(file, DEFAULT_SETTLE);
    }

    /** As {@link #open(Path)}, with the time a file rewritten in place must hold still before its key is used. */
    public static FileKeySource open(Path file, Duration settle) throws IOException {
        return open(file, settle, "");
    }

    /**
     * As {@link #open(Path)}, for the key {@code keys:} gives {@code place} ({@code slack:T0123ABCD}): the place is
     * part of the key's origin, so a rejection of it names the workspace whose key it is.
     */
    public static FileKeySource open(Path file, String place) throws IOException {
        return open(file, DEFAULT_SETTLE, place);
    }

    private static FileKeySource open(Path file, Duration settle, String place) throws IOException {
        Path absolute = file.toAbsolutePath();
        FileStamp stamp = FileStamp.of(absolute);
        String content = Files.readString(absolute, StandardCharsets.UTF_8).strip();
        if (content.isEmpty()) {
            throw new IOException("the OpenAI key file " + absolute + " is empty");
        }
        var bad = KeyCharacters.problem(content);
        if (bad.isPresent()) {
            throw new IOException("the key in the OpenAI key file " + absolute + " " + bad.get()
                    + ": write the key again as plain text");
        }
        FileKeySource source = new FileKeySource(absolute,
                "file " + absolute + (place.isEmpty() ? "" : " (keys: " + place + ")"), new Secret(content), stamp, settle);
        source.watcher = KeyFileWatcher.start(absolute.getParent(), source::rereadAfterChange);
        log.info("OpenAI API key loaded from {}{} (key generation 1)", absolute,
                place.isEmpty() ? "" : " for " + place);
        return source;
    }

    @Override
    public ApiKey current() {
        refreshIfChanged();
        return current;
    }

    @Override
    public boolean appearsIn(String text) {
        if (currentForms.foundIn(text)) return true;
        for (KeyForms former : formerKeys) {
            if (former.foundIn(text)) return true;
        }
        return false;
    }

    @Override
    public boolean couldBegin(String word) {
        if (currentForms.couldBegin(word)) return true;
        for (KeyForms former : formerKeys) {
            if (former.couldBegin(word)) return true;
        }
        return false;
    }

    /**
     * Reads the file again after OpenAI rejected {@code rejected}; a newer key found (or already loaded meanwhile)
     * is returned for one more try. An unchanged file is read without waiting for it to settle.
     */
    @Override
    public Optional<ApiKey> afterRejection(KeyGeneration rejected) {
        FileStamp stamp = FileStamp.of(file);
        synchronized (this) {
            if (stamp.equals(lastSeen)) {
                rereadUnchanged(stamp);
            } else {
                reload(stamp);
            }
        }
        ApiKey now = current;
        return now.generation().number() > rejected.number() ? Optional.of(now) : Optional.empty();
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
     * file system keeps the stamp, but not the watcher quiet.
     */
    void rereadAfterChange() {
        FileStamp stamp = FileStamp.of(file);
        synchronized (this) {
            if (stamp.equals(lastSeen)) {
                rereadUnchanged(stamp); // most often a caller read it first; no settle wait for that
            } else {
                reload(stamp);
            }
        }
    }

    /**
     * Reads the file behind {@code stamp}: at once when it is another file than the one the key came from, after
     * it has settled when it is the same file rewritten in place.
     */
    private void reload(FileStamp stamp) {
        if (stamp.sameFileAs(lastRead)) {
            SettledRead.Result read = settled.read(file, stamp);
            lastRead = read.stamp();
            if (read.ok()) adopt(read.content());
            else warnKept(read.problem());
            lastSeen = read.stamp(); // last, as below; a file that keeps changing is tried again on its next change
            return;
        }
        FileStamp seen = stamp;
        try {
            if (!stamp.readable()) {
                warnKept("cannot be read (" + stamp.problem() + ")");
                return;
            }
            lastRead = stamp;
            String content;
            try {
                content = Files.readString(stamp.target(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                warnKept("cannot be read (" + e.getClass().getSimpleName() + ")");
                return;
            }
            if (!FileStamp.of(file).equals(stamp)) {
                seen = null; // changed while being read: read it again next time
            }
            adopt(content);
        } finally {
            lastSeen = seen;
        }
    }

    /** After a rejection, when the stamp says nothing changed: a same-tick rewrite can still hide behind it. */
    private void rereadUnchanged(FileStamp stamp) {
        if (!stamp.readable()) return;
        try {
            adopt(Files.readString(stamp.target(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            warnKept("cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Makes {@code raw} the key when it is one well-formed line. Callers publish {@code lastSeen} after this: a
     * reader that finds the stamp already seen must also find the key read with it.
     */
    private void adopt(String raw) {
        String content = raw.strip();
        if (content.isEmpty()) {
            warnKept("is empty");
            return;
        }
        var bad = KeyCharacters.problem(content);
        if (bad.isPresent()) {
            warnKept("holds a key that " + bad.get());
            return;
        }
        warned = "";
        Secret next = new Secret(content);
        if (next.equals(current.secret())) return;
        List<KeyForms> former = new ArrayList<>(List.of(currentForms));
        former.addAll(formerKeys);
        formerKeys = List.copyOf(former.subList(0, Math.min(former.size(), FORMER_KEYS_KEPT)));
        currentForms = KeyForms.of(content);
        current = new ApiKey(next, new KeyGeneration(current.generation().number() + 1, origin));
        log.info("OpenAI API key reloaded from {} ({})", file, current.generation());
    }

    /** A bad file is reported once until it changes into another problem or a good key. */
    private void warnKept(String what) {
        if (what.equals(warned)) return;
        warned = what;
        log.warn("the OpenAI key file {} {}; keeping {}", file, what, current.generation());
    }

    @Override
    public String toString() {
        return "FileKeySource[" + file + ", redacted, " + current.generation() + "]";
    }
}
