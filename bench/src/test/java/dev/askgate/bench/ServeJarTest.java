package dev.askgate.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ServeJarTest {

    @Test
    void anOptionsFileGivesItsFlagsWithoutCommentsOrBlankLines(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("jvm.options"),
                "# a comment\n-Xms8m\n\n  -XX:+UseSerialGC   -Xss512k\n# -XX:+NotThis\n");

        assertThat(ServeJar.readOptions(file)).containsExactly("-Xms8m", "-XX:+UseSerialGC", "-Xss512k");
    }

    @Test
    void theImagesOwnOptionsFileParses() throws Exception {
        Path file = Path.of("..", "deploy", "container", "jvm.options");

        assertThat(ServeJar.readOptions(file)).contains("-XX:+UseSerialGC").allMatch(f -> f.startsWith("-"));
    }
}
