package dev.askgate.server;

import dev.askgate.core.ChatConfig;
import dev.askgate.core.key.ApiKey;
import dev.askgate.core.key.KeySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared pieces: the key source (and its file watcher) is closed with the wiring, or when the wiring fails. */
class WiringTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";

    @TempDir
    Path dir;

    @Test
    void aWiringThatFailsAfterOpeningTheKeyFileClosesItsWatcherAgain() throws Exception {
        AskgateConfig valid = configWithKeyFile();
        // Settings that AskgateConfig.load refuses, handed over directly: the chat service cannot be built.
        var contradictory = new AskgateConfig(valid.server(),
                new ChatConfig(valid.chat().model(), valid.chat().systemPrompt(), 1000, 2000),
                valid.openAi(), valid.platforms(), valid.discord(), valid.slack(), valid.spend(), valid.store());
        var watched = new WatchedKeySource[1];

        assertThatThrownBy(() -> new Wiring(contradictory, spec -> watched[0] = new WatchedKeySource(spec.open())))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(watched[0]).as("the key source was opened").isNotNull();
        assertThat(watched[0].closed.get()).isTrue();
    }

    @Test
    void closingTheWiringClosesTheKeySource() throws Exception {
        var watched = new WatchedKeySource[1];
        var wiring = new Wiring(configWithKeyFile(), spec -> watched[0] = new WatchedKeySource(spec.open()));

        assertThat(watched[0].closed.get()).isFalse();
        wiring.close();

        assertThat(watched[0].closed.get()).isTrue();
    }

    private AskgateConfig configWithKeyFile() throws Exception {
        Path keyFile = Files.writeString(dir.resolve("openai.key"), KEY + "\n");
        var loaded = AskgateConfig.load(Map.of("OPENAI_API_KEY_FILE", keyFile.toString(),
                "ASKGATE_DB_URL", "jdbc:sqlite:" + dir.resolve("usage.db")));
        return ((AskgateConfig.Loaded.Valid) loaded).config();
    }

    /** The real key source, noting whether it was closed. */
    private static final class WatchedKeySource implements KeySource {
        private final KeySource delegate;
        final AtomicBoolean closed = new AtomicBoolean();

        WatchedKeySource(KeySource delegate) {
            this.delegate = delegate;
        }

        @Override
        public ApiKey current() {
            return delegate.current();
        }

        @Override
        public boolean appearsIn(String text) {
            return delegate.appearsIn(text);
        }

        @Override
        public void close() {
            closed.set(true);
            delegate.close();
        }
    }
}
