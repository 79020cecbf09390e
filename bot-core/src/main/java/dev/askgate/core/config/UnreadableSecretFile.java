package dev.askgate.core.config;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one start-up line for a {@code _FILE} secret that cannot be read: which variable and file, as which user,
 * and what fixes it. In a container the usual cause is a host file of mode 0600 owned by someone else, which the
 * image's user (uid 10001) may not read, so the line names the uid the process runs as.
 */
public final class UnreadableSecretFile {
    private UnreadableSecretFile() {
    }

    public static String line(String variable, Path path, IOException e) {
        String start = variable + " cannot be read (" + path + "): ";
        if (e instanceof AccessDeniedException) {
            String uid = currentUid();
            return start + "permission denied for uid " + uid + "; make it readable by uid " + uid
                    + " (chown " + uid + " and chmod 0400, or group-readable with --group-add / fsGroup)";
        }
        if (e instanceof NoSuchFileException) {
            return start + "no such file; mount the secret there or point " + variable + " at it";
        }
        if (Files.isDirectory(path)) {
            return start + "it is a directory; point " + variable + " at the file inside it";
        }
        return start + e.getClass().getSimpleName();
    }

    /** The process's numeric uid on Linux (the owner of /proc/self), else the user name. */
    static String currentUid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException e) {
            return System.getProperty("user.name", "?");
        }
    }
}
