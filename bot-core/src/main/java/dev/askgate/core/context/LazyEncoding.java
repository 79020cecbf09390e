package dev.askgate.core.context;

import com.knuddels.jtokkit.api.Encoding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An encoding loaded on first use, once, whichever thread asks first; the others wait for that load.
 *
 * <p>Loading o200k_base costs about a third of a second of CPU and 26 MiB of live heap: paid at start-up it
 * delayed {@code /readyz} and kept the heap large while idle, so the process pays it at its first question.
 */
final class LazyEncoding {
    private static final Logger log = LoggerFactory.getLogger(LazyEncoding.class);

    private final String name;
    private final Supplier<Encoding> loader;
    /** A lock rather than synchronized: waiting virtual threads then free their carriers on JDK 21 too. */
    private final ReentrantLock loading = new ReentrantLock();
    private volatile Encoding encoding;

    /** @param loader builds the encoding; called at most once */
    LazyEncoding(String name, Supplier<Encoding> loader) {
        this.name = Objects.requireNonNull(name, "name");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    Encoding get() {
        Encoding loaded = encoding;
        return loaded != null ? loaded : load();
    }

    /** Whether the encoding has been loaded (the byte bound answers without it). */
    boolean isLoaded() {
        return encoding != null;
    }

    private Encoding load() {
        loading.lock();
        try {
            if (encoding == null) {
                long start = System.nanoTime();
                encoding = Objects.requireNonNull(loader.get(), "the loader returned no encoding");
                log.info("tokenizer {} loaded in {} ms", name, (System.nanoTime() - start) / 1_000_000);
            }
            return encoding;
        } finally {
            loading.unlock();
        }
    }
}
