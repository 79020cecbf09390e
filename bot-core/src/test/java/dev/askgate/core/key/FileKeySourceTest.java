package dev.askgate.core.key;

import ch.qos.logback.classic.Level;
import dev.askgate.core.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileKeySourceTest {
    private static final String OLD = "sk-proj-FAKE1111old1111key1111notreal";
    private static final String NEW = "sk-proj-FAKE2222new2222key2222notreal";

    @TempDir
    Path dir;
    private final LogCapture logs = LogCapture.start();

    @AfterEach
    void close() {
        logs.close();
    }

    @Test
    void readsTheKeyWithoutSurroundingWhitespace() throws IOException {
        Path file = dir.resolve("openai");
        Files.writeString(file, "  " + OLD + "\n");
        try (FileKeySource keys = FileKeySource.open(file)) {
            assertThat(keys.current().secret().value()).isEqualTo(OLD);
            assertThat(keys.generation().number()).isEqualTo(1);
            assertThat(keys.generation().origin()).isEqualTo("file " + file.toAbsolutePath());
        }
    }

    @Test
    void refusesToOpenAnEmptyOrMissingFileWithoutQuotingIt() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> FileKeySource.open(empty)).isInstanceOf(IOException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> FileKeySource.open(dir.resolve("missing"))).isInstanceOf(IOException.class);
    }

    @Test
    void picksUpAnAtomicallyReplacedFileOnTheNextRead() throws IOException {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        try (FileKeySource keys = FileKeySource.open(file)) {
            KeyFiles.writeAtomically(file, NEW);

            assertThat(keys.current().secret().value()).isEqualTo(NEW);
            assertThat(keys.generation().number()).isEqualTo(2);
            assertThat(keys.appearsIn("leak: " + OLD)).as("a former key still counts as a leak").isTrue();
            assertThat(keys.appearsIn("leak: " + NEW)).isTrue();
            assertThat(keys.appearsIn("no key here")).isFalse();
        }
    }

    @Test
    void aReadAfterAReplacementAlwaysSeesTheNewKeyWhileTheWatcherRacesIt() throws IOException {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        try (FileKeySource keys = FileKeySource.open(file)) {
            for (int i = 0; i < 300; i++) {
                String key = "sk-proj-FAKE" + String.format("%04d", i) + "rotation0000notreal";
                KeyFiles.writeAtomically(file, key);
                assertThat(keys.current().secret().value()).isEqualTo(key);
            }
        }
    }

    @Test
    void picksUpAFileRewrittenInPlace() throws IOException {
        Path file = Files.writeString(dir.resolve("openai"), OLD);
        try (FileKeySource keys = FileKeySource.open(file)) {
            Files.writeString(file, NEW + "-longer");

            assertThat(keys.current().secret().value()).isEqualTo(NEW + "-longer");
        }
    }

    @Test
    void theWatcherReloadsWithoutAnyRead() throws IOException {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        try (FileKeySource keys = FileKeySource.open(file)) {
            KeyFiles.writeAtomically(file, NEW);

            awaitTrue(() -> !logs.events(Level.INFO, "reloaded").isEmpty());
            assertThat(logs.events(Level.INFO, "reloaded").getFirst().getFormattedMessage()).contains("key generation 2");
        }
    }

    @Test
    void followsAKubernetesDataLinkSwap() throws IOException {
        Path file = KeyFiles.kubernetesVolume(dir, "openai", OLD);
        try (FileKeySource keys = FileKeySource.open(file)) {
            assertThat(keys.current().secret().value()).isEqualTo(OLD);

            KeyFiles.swapKubernetesData(dir, "openai", NEW, 2);

            awaitTrue(() -> !logs.events(Level.INFO, "reloaded").isEmpty());
            assertThat(keys.current().secret().value()).isEqualTo(NEW);
        }
    }

    @Test
    void anEmptiedFileKeepsTheLastGoodKeyAndWarnsOnce() throws IOException {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        try (FileKeySource keys = FileKeySource.open(file)) {
            KeyFiles.writeAtomically(file, "");

            for (int i = 0; i < 5; i++) assertThat(keys.current().secret().value()).isEqualTo(OLD);
            awaitTrue(() -> logs.events(Level.WARN, "is empty").size() == 1);
            // Another change to the still empty file; the read after it has finished any reload it caused.
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
            assertThat(keys.current().secret().value()).isEqualTo(OLD);

            assertThat(logs.events(Level.WARN, "is empty")).hasSize(1);
            assertThat(keys.generation().number()).isEqualTo(1);
        }
    }

    @Test
    void refusesToOpenAFileWhoseKeyAHeaderCannotCarryNamingThePathNotTheKey() throws IOException {
        Path file = Files.writeString(dir.resolve("openai"), "sk-proj-FAKE1111old\u20261111notreal\n");

        assertThatThrownBy(() -> FileKeySource.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining(file.toAbsolutePath().toString()).hasMessageContaining("not plain ASCII")
                .message().doesNotContain("FAKE1111");
    }

    @Test
    void aKeyWithCharactersAHeaderCannotCarryIsTreatedLikeAnEmptyFile() throws IOException {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        String broken = "sk-proj-FAKE2222new 2222key2222notreal";
        try (FileKeySource keys = FileKeySource.open(file)) {
            KeyFiles.writeAtomically(file, broken);

            assertThat(keys.current().secret().value()).isEqualTo(OLD);
            awaitTrue(() -> !logs.events(Level.WARN, "a space or tab").isEmpty());
            Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
            assertThat(keys.current().secret().value()).isEqualTo(OLD);
            assertThat(logs.events(Level.WARN, "a space or tab")).hasSize(1);
            assertThat(keys.generation().number()).isEqualTo(1);

            KeyFiles.writeAtomically(file, NEW);
            assertThat(keys.current().secret().value()).isEqualTo(NEW);
        }
        assertThat(logs.text()).doesNotContain(OLD).doesNotContain(NEW).doesNotContain("FAKE2222new");
    }

    @Test
    void aDeletedFileKeepsTheLastGoodKeyThenANewFileIsUsed() throws IOException {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        try (FileKeySource keys = FileKeySource.open(file)) {
            Files.delete(file);

            assertThat(keys.current().secret().value()).isEqualTo(OLD);
            awaitTrue(() -> !logs.events(Level.WARN, "cannot be read").isEmpty());

            KeyFiles.writeAtomically(file, NEW);
            assertThat(keys.current().secret().value()).isEqualTo(NEW);
        }
        assertThat(logs.text()).doesNotContain(OLD).doesNotContain(NEW);
    }

    @Test
    void touchingTheFileWithoutChangingTheKeyKeepsTheGeneration() throws IOException {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        try (FileKeySource keys = FileKeySource.open(file)) {
            KeyFiles.writeAtomically(file, OLD + "\n");

            assertThat(keys.current().generation().number()).isEqualTo(1);
        }
    }

    @Test
    void aFileRewrittenInPlaceIsUsedOnlyOnceItHoldsStillNeverHalfWritten() throws Exception {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        try (FileKeySource keys = FileKeySource.open(file, Duration.ofMillis(300))) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    KeyFiles.rewriteInPlaceInTwoParts(file, NEW, Duration.ofMillis(60));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (writer.isAlive()) seen.add(keys.current().secret().value());
            writer.join();
            seen.add(keys.current().secret().value());

            assertThat(seen).isSubsetOf(OLD, NEW).contains(NEW);
            assertThat(keys.generation().number()).isEqualTo(2);
        }
        assertThat(logs.events(Level.WARN, "the OpenAI key file")).as("no warning for a half-written file").isEmpty();
    }

    @Test
    void afterARejectionTheFileIsReadOnceAndOnlyANewerKeyIsOffered() throws IOException {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        try (FileKeySource keys = FileKeySource.open(file)) {
            KeyGeneration first = keys.generation();
            assertThat(keys.afterRejection(first)).isEmpty();

            KeyFiles.writeAtomically(file, NEW);

            assertThat(keys.afterRejection(first)).hasValueSatisfying(k -> {
                assertThat(k.secret().value()).isEqualTo(NEW);
                assertThat(k.generation().number()).isEqualTo(2);
            });
            assertThat(keys.afterRejection(keys.generation())).isEmpty();
        }
    }

    @Test
    void neverPrintsTheKey() throws IOException {
        Path file = dir.resolve("openai");
        KeyFiles.writeAtomically(file, OLD);
        try (FileKeySource keys = FileKeySource.open(file)) {
            assertThat(keys.toString()).doesNotContain(OLD);
            assertThat(keys.current().toString()).doesNotContain(OLD);
            assertThat(keys.current().secret().toString()).doesNotContain(OLD);
        }
        assertThat(logs.text()).doesNotContain(OLD);
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 15 s");
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
