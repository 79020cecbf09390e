package dev.askgate.core.key;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Watches the directory of a key file and calls {@code onChange} after any change in it. The directory, not the
 * file: editors and Kubernetes replace files (or the {@code ..data} link) rather than write into them.
 */
final class KeyFileWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KeyFileWatcher.class);

    private final WatchService watcher;

    private KeyFileWatcher(WatchService watcher) {
        this.watcher = watcher;
    }

    /** Starts watching on a virtual thread. */
    static KeyFileWatcher start(Path directory, Runnable onChange) throws IOException {
        WatchService watcher = FileSystems.getDefault().newWatchService();
        try {
            directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | RuntimeException e) {
            watcher.close();
            throw e;
        }
        Thread.ofVirtual().name("openai-key-file-watch").start(() -> loop(watcher, directory, onChange));
        return new KeyFileWatcher(watcher);
    }

    private static void loop(WatchService watcher, Path directory, Runnable onChange) {
        try {
            while (true) {
                WatchKey key = watcher.take();
                key.pollEvents(); // the events themselves do not matter: the file's stamp decides
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    log.warn("checking the OpenAI key file after a change in {} failed: {}", directory,
                            e.getClass().getSimpleName());
                }
                if (!key.reset()) {
                    log.warn("stopped watching {} (directory gone); the key file is still re-checked before each call",
                            directory);
                    return;
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the source is shutting down
        }
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            log.debug("closing the key file watcher failed: {}", e.getClass().getSimpleName());
        }
    }
}
