package dev.askgate.core;

import com.knuddels.jtokkit.Encodings;
import dev.askgate.core.config.Secret;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.key.FixedKeySource;
import dev.askgate.core.metrics.AskgateMetrics;
import dev.askgate.core.usage.Spending;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The routing of questions to keys by the caller's place, and the leak check over every key. */
class WorkspaceKeysTest {
    /** Assembled so that no scanner takes this file for a leak. */
    private static final String MAIN_KEY = "sk-" + "proj-FAKE0000main0000key0000notreal";
    private static final String TEAM_KEY = "sk-" + "proj-FAKE0000team0000key0000notreal";
    private static final ChatConfig SETTINGS = new ChatConfig("gpt-6-luna", "Be brief.", 4000, 500);

    private final ScriptedModel mainModel = ScriptedModel.answering("from main");
    private final ScriptedModel teamModel = ScriptedModel.answering("from the team's key");
    private final WorkspaceKeys keys = new WorkspaceKeys(
            new KeyedModel("main", mainModel, new FixedKeySource(new Secret(MAIN_KEY))),
            Map.of("slack:T0TEAM", new KeyedModel("slack:T0TEAM", teamModel,
                    new FixedKeySource(new Secret(TEAM_KEY), "env OPENAI_KEY_TEAM (keys: slack:T0TEAM)"))));

    @Test
    void aCallerIsRoutedByPlatformAndWorkspaceAndEveryOtherPlaceGetsTheMainKey() {
        assertThat(keys.forCaller(new Caller(Platform.SLACK, "T0TEAM", "C1", "U1")).name()).isEqualTo("slack:T0TEAM");
        assertThat(keys.forCaller(new Caller(Platform.DISCORD, "T0TEAM", "C1", "U1")).name())
                .as("the same id on another platform is another place").isEqualTo("main");
        assertThat(keys.forCaller(new Caller(Platform.SLACK, "T0OTHER", "C1", "U1")).name()).isEqualTo("main");
        assertThat(keys.forCaller(new Caller(Platform.SLACK, "", "D1", "U1")).name()).isEqualTo("main");
        assertThat(keys.all()).extracting(KeyedModel::name).containsExactly("main", "slack:T0TEAM");
    }

    @Test
    void aWordMayBeginAKeyWhenItEndsInAPieceOfAnyOfThem() {
        assertThat(keys.couldBegin("the" + MAIN_KEY.substring(16, 20))).as("main").isTrue();
        assertThat(keys.couldBegin("the" + TEAM_KEY.substring(16, 20))).as("team").isTrue();
        assertThat(keys.couldBegin("Answer")).isFalse();
    }

    @Test
    void theChatServiceShowsAWordThatCannotBeginAKeyWithoutWaitingForTheNextOne() {
        var words = ScriptedModel.answering("Answer", " 30:", " done");
        var oneKey = new WorkspaceKeys(new KeyedModel("main", words, new FixedKeySource(new Secret(MAIN_KEY))), Map.of());
        var chat = new ChatService(oneKey, SETTINGS, new SecretGuard(),
                new ContextWindow(SETTINGS, Encodings.newLazyEncodingRegistry()), AskgateMetrics.none(),
                Spending.unmetered());
        List<String> deltas = new ArrayList<>();

        chat.ask(new ChatRequest("req-3", new Caller(Platform.DISCORD, "G1", "C1", "U1"), Conversation.empty(),
                "count?"), deltas::add);

        assertThat(deltas).containsExactly("Answer", " 30:", " done");
    }

    @Test
    void theChatServiceAsksTheCallersModelAndWithholdsAnAnswerHoldingAnyKey() {
        var chat = new ChatService(keys, SETTINGS, new SecretGuard(),
                new ContextWindow(SETTINGS, Encodings.newLazyEncodingRegistry()), AskgateMetrics.none(),
                Spending.unmetered());

        ChatOutcome team = chat.ask(new ChatRequest("req-1", new Caller(Platform.SLACK, "T0TEAM", "C1", "U1"),
                Conversation.empty(), "hello?"), ReplySink.discarding());
        ChatOutcome other = chat.ask(new ChatRequest("req-2", new Caller(Platform.SLACK, "T0OTHER", "C1", "U1"),
                Conversation.empty(), "hello?"), ReplySink.discarding());

        assertThat(team).isInstanceOfSatisfying(ChatOutcome.Answered.class,
                answered -> assertThat(answered.text()).isEqualTo("from the team's key"));
        assertThat(other).isInstanceOfSatisfying(ChatOutcome.Answered.class,
                answered -> assertThat(answered.text()).isEqualTo("from main"));
        assertThat(teamModel.requests).hasSize(1);
        assertThat(mainModel.requests).hasSize(1);
        assertThat(keys.appearsIn("it is " + TEAM_KEY)).isTrue();
        assertThat(keys.appearsIn("it is " + MAIN_KEY)).isTrue();
        assertThat(keys.appearsIn("no key here")).isFalse();
    }

    @Test
    void theLedgerNamesTheKeyByItsPlaceAndItsRedactedFormOnly() {
        var paying = keys.forCaller(new Caller(Platform.SLACK, "T0TEAM", "C1", "U1")).payingKey();

        assertThat(paying.name()).isEqualTo("slack:T0TEAM");
        assertThat(paying.key().value()).startsWith("sk-…").endsWith(TEAM_KEY.substring(TEAM_KEY.length() - 4))
                .doesNotContain(TEAM_KEY.substring(8, 20));
    }
}
