package dev.askgate.core.key;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What a key file looks like from outside: the file its path resolves to (through Kubernetes' {@code ..data}
 * link), its inode, birth and modification times and size. A different stamp means the key may have changed; reading
 * one costs a stat, cheap enough to do before every request.
 */
record FileStamp(Path target, Object inode, FileTime created, FileTime modified, long size, String problem) {

    static FileStamp of(Path file) {
        try {
            Path target = file.toRealPath();
            BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class);
            return new FileStamp(target, attrs.fileKey(), attrs.creationTime(), attrs.lastModifiedTime(), attrs.size(),
                    "");
        } catch (IOException e) {
            return new FileStamp(file, null, null, null, -1, e.getClass().getSimpleName());
        }
    }

    boolean readable() {
        return problem.isEmpty();
    }

    /**
     * Whether both stamps describe the same file, however its content changed: a rewrite in place rather than a
     * replacement. The birth time tells a reused inode number from the same inode.
     */
    boolean sameFileAs(FileStamp other) {
        return readable() && other.readable() && target.equals(other.target) && inode != null
                && inode.equals(other.inode) && created.equals(other.created);
    }
}
