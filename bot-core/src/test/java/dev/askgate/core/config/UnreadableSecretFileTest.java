package dev.askgate.core.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class UnreadableSecretFileTest {

    @Test
    void aFileThePermissionsHideIsOneLineNamingTheFileTheUidAndTheFix() {
        Path file = Path.of("/run/secrets/slack/bot-token");

        String line = UnreadableSecretFile.line("SLACK_BOT_TOKEN_FILE", file,
                new AccessDeniedException(file.toString()));

        String uid = UnreadableSecretFile.currentUid();
        assertThat(line).doesNotContain("\n")
                .startsWith("SLACK_BOT_TOKEN_FILE cannot be read (/run/secrets/slack/bot-token): permission denied for uid " + uid)
                .contains("chown " + uid, "chmod 0400", "--group-add", "fsGroup");
    }

    @Test
    void aMissingFileSaysSo(@TempDir Path dir) {
        Settings s = new Settings(Map.of("SLACK_BOT_TOKEN_FILE", dir.resolve("nothing").toString()));

        assertThat(s.secret("SLACK_BOT_TOKEN")).isEmpty();

        assertThat(s.problems()).singleElement().asString()
                .contains("SLACK_BOT_TOKEN_FILE cannot be read", "no such file");
    }

    @Test
    void aDirectoryInsteadOfTheFileNamesTheFileInside(@TempDir Path dir) throws Exception {
        Settings s = new Settings(Map.of("DISCORD_BOT_TOKEN_FILE", dir.toString()));

        assertThat(s.secret("DISCORD_BOT_TOKEN")).isEmpty();

        assertThat(s.problems()).singleElement().asString().contains("is a directory", "the file inside it");
        assertThat(Files.isDirectory(dir)).isTrue();
    }

    @Test
    void theUidIsNumericOnLinux() {
        if (Files.exists(Path.of("/proc/self"))) {
            assertThat(UnreadableSecretFile.currentUid()).containsOnlyDigits();
        }
    }
}
