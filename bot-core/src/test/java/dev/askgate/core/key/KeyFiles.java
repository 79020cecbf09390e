package dev.askgate.core.key;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/** Ways an operator or Kubernetes replaces a key file. */
public final class KeyFiles {
    private KeyFiles() {
    }

    /** Writes a temporary file beside {@code file}, then renames it over {@code file} in one step. */
    public static void writeAtomically(Path file, String content) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), ".key", ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Rewrites {@code file} in place (same inode) in two writes with a pause between them, as {@code echo >} and
     * many scripts do: for {@code gap} the file holds the first half of the key only.
     */
    public static void rewriteInPlaceInTwoParts(Path file, String content, Duration gap) throws IOException {
        int half = content.length() / 2;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(ByteBuffer.wrap(content.substring(0, half).getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
            try {
                Thread.sleep(gap);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted between the two writes", e);
            }
            channel.write(ByteBuffer.wrap(content.substring(half).getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
    }

    /**
     * A Kubernetes secret volume: {@code dir/<name> -> ..data/<name>}, {@code ..data -> ..<timestamp>}. Returns
     * the path an application is configured with ({@code dir/<name>}).
     */
    public static Path kubernetesVolume(Path dir, String name, String content) throws IOException {
        swapKubernetesData(dir, name, content, 1);
        Path file = dir.resolve(name);
        Files.createSymbolicLink(file, Path.of("..data", name));
        return file;
    }

    /** What the kubelet does on an update: a new timestamped directory, then {@code ..data} renamed over. */
    public static void swapKubernetesData(Path dir, String name, String content, int version) throws IOException {
        Path versioned = dir.resolve("..2026_11_25_10_00_0" + version + ".00000000" + version);
        Files.createDirectories(versioned);
        Files.writeString(versioned.resolve(name), content, StandardCharsets.UTF_8);
        Path tmpLink = dir.resolve("..data_tmp");
        Files.createSymbolicLink(tmpLink, versioned.getFileName());
        Files.move(tmpLink, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
