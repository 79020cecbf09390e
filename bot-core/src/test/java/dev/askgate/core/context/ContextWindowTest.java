package dev.askgate.core.context;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.askgate.core.ChatConfig;
import dev.askgate.core.Conversation;
import dev.askgate.core.Role;
import dev.askgate.core.Turn;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ContextWindowTest {
    // One registry for the whole class, as the application shares one.
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private static ContextWindow window(String model, int context, int maxOutput) {
        return new ContextWindow(model, context, maxOutput, REGISTRY);
    }

    private static Conversation history(int turns) {
        List<Turn> list = new ArrayList<>();
        for (int i = 0; i < turns; i++) {
            list.add(i % 2 == 0 ? Turn.user("question number " + i + " about the build and its tests")
                    : Turn.assistant("answer number " + i + " explaining the build and its tests"));
        }
        return new Conversation(list);
    }

    @Test
    void currentModelFamiliesUseO200kAndOlderOnesCl100k() {
        for (String model : List.of("gpt-4o", "gpt-4o-mini", "chatgpt-4o-latest", "gpt-4.1-nano", "gpt-5",
                "gpt-5-mini", "o1", "o3-mini", "o4-mini", "openai/gpt-4o", "GPT-4O")) {
            assertThat(ContextWindow.encodingFor(model)).as(model).isEqualTo(EncodingType.O200K_BASE);
        }
        for (String model : List.of("gpt-4", "gpt-4-turbo", "gpt-3.5-turbo", "llama3", "ollama/mistral", "omni")) {
            assertThat(ContextWindow.encodingFor(model)).as(model).isEqualTo(EncodingType.CL100K_BASE);
        }
    }

    @Test
    void messagesAreCountedAsOpenAisRecipeCountsThem() {
        // cl100k: "hello world" is 2 tokens, "user" 1; a message adds 3, the reply priming 3 more.
        ContextWindow window = window("gpt-4", 8192, 0);
        var fit = (ContextWindow.Fit.Fits) window.fit("", Conversation.empty(), "hello world");

        assertThat(window.counted(fit))
                .isEqualTo(new ContextWindow.Fit.Fits(List.of(Turn.user("hello world")), 3 + 1 + 2 + 3, 0, true));
    }

    @Test
    void aConversationWhoseBytesFitIsLetThroughByItsByteBound() {
        ContextWindow window = window("gpt-4", 8192, 0);

        var fit = window.fit("", Conversation.empty(), "hello world");

        // Every token is at least a byte: the framing 3 + "user" 4 + "hello world" 11, and the reply's priming 3.
        assertThat(fit).isEqualTo(new ContextWindow.Fit.Fits(List.of(Turn.user("hello world")), 3 + 4 + 11 + 3, 0,
                false));
    }

    @Test
    void aByteBoundIsNeverBelowTheCountAndACountIsNeverAboveTheLimit() {
        ContextWindow window = window("gpt-4o-mini", 1200, 200);
        for (int turns = 0; turns <= 60; turns += 3) {
            var fits = (ContextWindow.Fit.Fits) window.fit("Be brief. ¿Qué tal? 日本語 🙂", history(turns), "And now?");
            var counted = window.counted(fits);

            assertThat(counted.exact()).isTrue();
            assertThat(counted.messages()).isEqualTo(fits.messages());
            assertThat(fits.tokens()).as(turns + " turns").isGreaterThanOrEqualTo(counted.tokens());
            assertThat(counted.tokens()).as(turns + " turns").isLessThanOrEqualTo(window.limit());
            if (!fits.exact()) assertThat(fits.dropped()).as(turns + " turns").isZero();
        }
    }

    @Test
    void everythingIsKeptWhenItFits() {
        var fit = window("gpt-4o-mini", 128_000, 1000).fit("Be brief.", history(6), "And now?");

        var fits = (ContextWindow.Fit.Fits) fit;
        assertThat(fits.dropped()).isZero();
        assertThat(fits.messages()).hasSize(8);
        assertThat(fits.messages().getFirst()).isEqualTo(Turn.system("Be brief."));
        assertThat(fits.messages().subList(1, 7)).isEqualTo(history(6).turns());
        assertThat(fits.messages().getLast()).isEqualTo(Turn.user("And now?"));
    }

    @Test
    void oldestTurnsAreDroppedFirstAndSystemPromptAndQuestionAreKept() {
        ContextWindow window = window("gpt-4o-mini", 300, 100);
        Conversation history = history(40);

        var fits = (ContextWindow.Fit.Fits) window.fit("You are a helpful assistant.", history, "What next?");

        assertThat(fits.dropped()).isPositive();
        assertThat(fits.exact()).isTrue();
        assertThat(fits.tokens()).isLessThanOrEqualTo(window.limit()).isLessThanOrEqualTo(200);
        assertThat(fits.messages().getFirst().role()).isEqualTo(Role.SYSTEM);
        assertThat(fits.messages().getLast()).isEqualTo(Turn.user("What next?"));
        List<Turn> kept = fits.messages().subList(1, fits.messages().size() - 1);
        assertThat(kept).isEqualTo(history.turns().subList(fits.dropped(), 40));
        // One more turn would not have fitted.
        int withOneMore = fits.tokens() + window.count(history.turns().get(fits.dropped() - 1));
        assertThat(withOneMore).isGreaterThan(window.limit());
    }

    @Test
    void tokensReportedAreTheSumOfTheMessages() {
        ContextWindow window = window("gpt-4o", 1000, 200);
        var fits = window.counted((ContextWindow.Fit.Fits) window.fit("sys", history(3), "q?"));

        int sum = fits.messages().stream().mapToInt(window::count).sum() + 3;
        assertThat(fits.tokens()).isEqualTo(sum);
    }

    @Test
    void aQuestionThatAloneExceedsTheBudgetIsTooLong() {
        ContextWindow window = window("gpt-4o-mini", 1000, 200);

        var fit = window.fit("sys", history(2), "word ".repeat(2000));

        assertThat(fit).isInstanceOf(ContextWindow.Fit.TooLong.class);
        var tooLong = (ContextWindow.Fit.TooLong) fit;
        assertThat(tooLong.limit()).isEqualTo(800);
        assertThat(tooLong.tokens()).isGreaterThan(2000);
    }

    @Test
    void withoutAnOutputCapAQuarterOfTheContextIsReservedForTheAnswer() {
        assertThat(window("gpt-4o", 1000, 0).limit()).isEqualTo(750);
        assertThat(window("gpt-4o", 128_000, 0).limit()).isEqualTo(128_000 - 4096);
        assertThat(new ContextWindow(new ChatConfig("gpt-4o", "", 2000, 500), REGISTRY).limit()).isEqualTo(1500);
    }

    @Test
    void anOutputCapThatLeavesNoRoomIsRejected() {
        assertThatThrownBy(() -> window("gpt-4o", 1000, 1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxOutputTokens");
    }

    @Test
    void controlTokenLookalikesInTextAreCountedAsText() {
        var fit = window("gpt-4o", 1000, 0).fit("", Conversation.empty(), "what is <|endoftext|> for?");

        assertThat(fit).isInstanceOf(ContextWindow.Fit.Fits.class);
    }
}
