package dev.askgate.server;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.GptBytePairEncodingParams;
import com.knuddels.jtokkit.api.ModelType;
import dev.askgate.core.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The start-up check counts the system prompt only when its byte length cannot already tell that it leaves room. */
class ContextRoomTest {
    private static final EncodingRegistry REAL = Encodings.newLazyEncodingRegistry();

    /** A registry that counts how often an encoding is asked for (each ask would load it in a fresh registry). */
    private static final class CountingRegistry implements EncodingRegistry {
        final AtomicInteger asked = new AtomicInteger();

        private <T> T counted(Supplier<T> ask) {
            asked.incrementAndGet();
            return ask.get();
        }

        @Override
        public Optional<Encoding> getEncoding(String name) {
            return counted(() -> REAL.getEncoding(name));
        }

        @Override
        public Encoding getEncoding(EncodingType type) {
            return counted(() -> REAL.getEncoding(type));
        }

        @Override
        public Optional<Encoding> getEncodingForModel(String name) {
            return counted(() -> REAL.getEncodingForModel(name));
        }

        @Override
        public Encoding getEncodingForModel(ModelType type) {
            return counted(() -> REAL.getEncodingForModel(type));
        }

        @Override
        public EncodingRegistry registerGptBytePairEncoding(GptBytePairEncodingParams params) {
            throw new UnsupportedOperationException("not used");
        }

        @Override
        public EncodingRegistry registerCustomEncoding(Encoding encoding) {
            throw new UnsupportedOperationException("not used");
        }
    }

    @Test
    void anOrdinarySystemPromptIsCheckedWithoutLoadingTheTokenizer() {
        var registry = new CountingRegistry();
        var settings = new Settings(Map.of());

        ContextRoom.check(settings, "gpt-4o-mini", "You are a helpful assistant. Be brief.", 16_000, 1_000, registry);

        assertThat(settings.problems()).isEmpty();
        assertThat(registry.asked).hasValue(0);
    }

    @Test
    void aPromptNearTheLimitIsCountedAndPassesWhenItsTokensLeaveRoom() {
        var registry = new CountingRegistry();
        var settings = new Settings(Map.of());
        String prompt = "word ".repeat(200); // 1,000 bytes, 200 tokens: only the exact count can tell it fits

        ContextRoom.check(settings, "gpt-4o-mini", prompt, 600, 0, registry);

        assertThat(settings.problems()).isEmpty();
        assertThat(registry.asked).hasValue(1);
    }
}
