package dev.askgate.core.context;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.askgate.core.Conversation;
import dev.askgate.core.Turn;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class LazyEncodingTest {
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    /** Counts the loads of a real cl100k encoding (the small one), for the tests to see when one happens. */
    private static final class CountingLoader {
        final AtomicInteger loads = new AtomicInteger();

        LazyEncoding encoding() {
            return new LazyEncoding("cl100k_base", () -> {
                loads.incrementAndGet();
                return REGISTRY.getEncoding(EncodingType.CL100K_BASE);
            });
        }

        ContextWindow window(int contextTokens, int maxOutputTokens) {
            return new ContextWindow("gpt-4", contextTokens, maxOutputTokens, encoding());
        }
    }

    @Test
    void manyThreadsAskingAtOnceShareOneLoad() throws Exception {
        var loader = new CountingLoader();
        LazyEncoding lazy = loader.encoding();
        int threads = 16;
        var start = new CountDownLatch(1);
        List<Future<Encoding>> got = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < threads; i++) {
                got.add(pool.submit(() -> {
                    start.await();
                    return lazy.get();
                }));
            }
            start.countDown();
            Encoding first = got.getFirst().get();
            for (Future<Encoding> each : got) assertThat(each.get()).isSameAs(first);
        }

        assertThat(loader.loads).hasValue(1);
        assertThat(lazy.isLoaded()).isTrue();
    }

    @Test
    void buildingAWindowLoadsNothing() {
        var loader = new CountingLoader();

        var window = loader.window(8192, 0);

        assertThat(window.limit()).isEqualTo(8192 - 2048);
        assertThat(loader.loads).hasValue(0);
    }

    @Test
    void theByteBoundPassesAnOrdinaryQuestionWithoutLoading() {
        var loader = new CountingLoader();
        var window = loader.window(8192, 0);

        assertThat(window.tooLong("Be brief.", "how do I run the tests? ¿Qué tal? 日本語 🙂")).isEmpty();
        assertThat(window.leavesRoom("Be brief. ".repeat(100), 128)).isTrue();

        assertThat(loader.loads).hasValue(0);
        assertThat(window.encodingLoaded()).isFalse();
    }

    @Test
    void aConversationWhoseBytesFitIsSentUncountedUntilACountIsAskedFor() {
        var loader = new CountingLoader();
        var window = loader.window(8192, 0);
        var history = new Conversation(List.of(Turn.user("how do I run the tests?"),
                Turn.assistant("Run `./askgate test`. ¿Qué tal? 日本語 🙂")));

        var fits = (ContextWindow.Fit.Fits) window.fit("Be brief.", history, "and only one module?");

        assertThat(fits.exact()).isFalse();
        assertThat(fits.messages()).hasSize(4);
        assertThat(loader.loads).hasValue(0);
        var counted = window.counted(fits);
        assertThat(counted.tokens()).isPositive().isLessThan(fits.tokens());
        assertThat(loader.loads).hasValue(1);
    }

    @Test
    void aConversationTooLongForItsBytesIsCountedAndItsOldestTurnsDropped() {
        var loader = new CountingLoader();
        var window = loader.window(1000, 500);
        var history = new Conversation(List.of(Turn.user("word ".repeat(200)), Turn.assistant("word ".repeat(200)),
                Turn.user("word ".repeat(200)), Turn.assistant("word ".repeat(200))));

        // 4,000 bytes of history cannot fit 500 by their bytes; counted, "word " is a token and two turns fit.
        var fits = (ContextWindow.Fit.Fits) window.fit("", history, "and now?");

        assertThat(fits.exact()).isTrue();
        assertThat(fits.dropped()).isEqualTo(2);
        assertThat(window.counted(fits)).isSameAs(fits);
        assertThat(loader.loads).hasValue(1);
    }

    @Test
    void nearTheLimitTheQuestionIsCountedExactly() {
        var loader = new CountingLoader();
        var window = loader.window(1000, 500);

        // 600 bytes may be 600 tokens, but "word " is one token: 120 of them fit in the 500.
        assertThat(window.tooLong("", "word ".repeat(120))).isEmpty();
        assertThat(loader.loads).hasValue(1);
        assertThat(window.tooLong("", "word ".repeat(600)))
                .hasValueSatisfying(tooLong -> {
                    assertThat(tooLong.tokens()).isGreaterThan(600);
                    assertThat(tooLong.limit()).isEqualTo(500);
                });
        assertThat(window.leavesRoom("word ".repeat(300), 128)).isTrue();
        assertThat(window.leavesRoom("word ".repeat(400), 128)).isFalse();
        assertThat(loader.loads).hasValue(1);
    }

    @Test
    void theByteBoundAgreesWithFitOnEitherSideOfTheLimit() {
        var window = new ContextWindow("gpt-4o", 1000, 500, REGISTRY);
        for (int words = 100; words <= 700; words += 50) {
            String question = "word ".repeat(words);
            boolean fitSaysTooLong = window.fit("Be brief.", Conversation.empty(), question)
                    instanceof ContextWindow.Fit.TooLong;
            assertThat(window.tooLong("Be brief.", question).isPresent()).as(words + " words").isEqualTo(fitSaysTooLong);
        }
    }
}
