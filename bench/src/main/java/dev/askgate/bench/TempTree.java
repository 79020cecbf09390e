package dev.askgate.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory that is gone, with all it holds, once closed: a full run makes dozens of them. */
record TempTree(Path dir) implements AutoCloseable {
    static TempTree create(String prefix) throws IOException {
        return new TempTree(Files.createTempDirectory(prefix));
    }

    Path resolve(String name) {
        return dir.resolve(name);
    }

    @Override
    public void close() {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
