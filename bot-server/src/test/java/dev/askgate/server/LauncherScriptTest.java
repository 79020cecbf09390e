package dev.askgate.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository's {@code ./askgate} script when no JDK >= 21 can be found. */
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of("..", "askgate").toAbsolutePath().normalize();

    @Test
    void withoutAJdk21TheScriptSaysSoInOneLineAndExitsOne(@TempDir Path dir) throws Exception {
        Path emptyJvmDir = Files.createDirectories(dir.resolve("jvm"));
        Path oldJdk = fakeJava(dir.resolve("old-jdk"), "17.0.2");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("java"), oldJdk.resolve("bin/java"));

        var process = new ProcessBuilder("bash", SCRIPT.toString(), "version")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        process.environment().put("JAVA_HOME", oldJdk.toString());
        process.environment().put("ASKGATE_JDK_SEARCH_PATH", emptyJvmDir.toString());
        process.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process run = process.start();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = new String(run.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(run.exitValue()).isEqualTo(1);
        assertThat(out).isEmpty();
        assertThat(err.lines()).singleElement().asString()
                .contains("no Java 21 or newer found").contains("JAVA_HOME").contains(emptyJvmDir.toString());
    }

    /** A JDK directory whose java reports {@code version} (through its release file and -version). */
    private static Path fakeJava(Path home, String version) throws IOException {
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Files.writeString(java, "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2024-01-16' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }
}
