package dev.askgate.core.render;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import dev.askgate.core.Caller;
import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.ChatService;
import dev.askgate.core.ChatConfig;
import dev.askgate.core.Conversation;
import dev.askgate.core.Platform;
import dev.askgate.core.Refusal;
import dev.askgate.core.ScriptedModel;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.metrics.AskgateMetrics;
import dev.askgate.core.model.BotFault;
import dev.askgate.core.model.ChatModel;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.testing.ManualClock;
import dev.askgate.core.usage.SpendCheck;
import dev.askgate.core.usage.Spending;
import dev.askgate.core.testing.ManualScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** The one answer flow with a scripted model, a recording target and a presenter of the test's own. */
class ReplyFlowTest {
    private static final ChatConfig SETTINGS = new ChatConfig("gpt-6-luna", "Be brief.", 8000, 1000);
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final RecordingTarget target = new RecordingTarget(clock);
    private final List<String> privately = new CopyOnWriteArrayList<>();
    private final TestPresenter presenter = new TestPresenter(EditPacer.forDiscord(EditPacer.DEFAULT_MESSAGE_INTERVAL,
            clock));

    @AfterEach
    void tearDown() {
        timer.shutdownNow();
    }

    /** Markdown's {@code &} becomes {@code &amp;}, as in Slack: formatting lengthens the text. */
    private static final class TestPresenter implements Presenter {
        private final EditPacer pacer;
        private final OutcomeWording words = new OutcomeWording("Ask me something.");
        int partLength = 2000;
        boolean privateNotes;
        final List<String> notPosted = new CopyOnWriteArrayList<>();

        TestPresenter(EditPacer pacer) {
            this.pacer = pacer;
        }

        @Override public String format(String markdown) { return markdown.replace("&", "&amp;"); }
        @Override public int partLength() { return partLength; }
        @Override public boolean refusedAsTooLong(RuntimeException e) { return e instanceof RecordingTarget.TooLong; }
        @Override public String note(ChatOutcome outcome) { return words.note(outcome); }
        @Override public EditPacer pacer() { return pacer; }
        @Override public Optional<Duration> typingRenewal() { return Optional.empty(); }
        @Override public boolean notesPrivatelyWhenNothingShown() { return privateNotes; }
        @Override public String answerIn(String ownMessage) { return ownMessage; }

        @Override
        public Optional<String> notPosted(ChatRequest request, RuntimeException failure, String shownText) {
            notPosted.add(shownText);
            return Optional.of("Not posted: " + shownText);
        }
    }

    private ChatOutcome answer(ChatModel model, String question) {
        return answer(model, question, Spending.unmetered(), false);
    }

    private ChatOutcome answer(ChatModel model, String question, Spending spending, boolean refusalsPrivately) {
        ChatService chat = new ChatService(model, SETTINGS, new SecretGuard(), new ContextWindow(SETTINGS, REGISTRY),
                text -> false, AskgateMetrics.none(), spending);
        ChatRequest request = new ChatRequest("req-1", new Caller(Platform.DISCORD, "g", "channel-1", "u"),
                Conversation.empty(), question);
        return new ReplyFlow(chat, scheduler, timer).answer(request, presenter,
                new ReplyPlace(target, "channel-1", privately::add, refusalsPrivately));
    }

    @Test
    void aBudgetRefusalGoesToTheAskerAloneWhereThePlaceSaysSoThoughThePlatformShowsRefusalsInPlace() {
        Spending storeDown = (request, model, promptTokens, outputCap) ->
                new SpendCheck.Refused(new Refusal.SpendingUnknown());

        ChatOutcome outcome = answer(ScriptedModel.answering("never"), "What does it cost?", storeDown, true);

        assertThat(outcome).isEqualTo(new ChatOutcome.Refused(new Refusal.SpendingUnknown()));
        assertThat(privately).containsExactly(presenter.format(presenter.note(outcome)));
        assertThat(target.calls).isEmpty();
    }

    @Test
    void aBudgetRefusalIsShownInPlaceWhereThePlaceHasNoPrivateWayOfItsOwn() {
        Spending storeDown = (request, model, promptTokens, outputCap) ->
                new SpendCheck.Refused(new Refusal.SpendingUnknown());

        ChatOutcome outcome = answer(ScriptedModel.answering("never"), "What does it cost?", storeDown, false);

        assertThat(target.texts()).containsExactly(presenter.format(presenter.note(outcome)));
        assertThat(privately).isEmpty();
    }

    @Test
    void anAnswerIsFormattedFirstAndThenSplitSoThatEveryPartFitsInTheFormattedText() {
        presenter.partLength = 256;
        String answer = "Tom & Jerry ".repeat(60).strip();

        ChatOutcome outcome = answer(ScriptedModel.answering(answer), "Who?");

        assertThat(outcome).isInstanceOf(ChatOutcome.Answered.class);
        assertThat(target.texts()).hasSizeGreaterThan(1).allSatisfy(part -> assertThat(part.length())
                .isLessThanOrEqualTo(256));
        assertThat(String.join(" ", target.texts())).isEqualTo(presenter.format(answer));
        assertThat(privately).isEmpty();
    }

    @Test
    void thePlatformRefusingAPartAsTooLongHalvesThePartsAndTheWholeAnswerStillArrives() {
        presenter.partLength = 1024;
        target.refuses = text -> text.length() > 600;
        String answer = "word ".repeat(400).strip();

        answer(ScriptedModel.answering(answer), "Long?");

        assertThat(target.texts()).hasSizeGreaterThanOrEqualTo(4).allSatisfy(part -> assertThat(part.length())
                .isLessThanOrEqualTo(512));
        assertThat(String.join(" ", target.texts())).isEqualTo(answer);
    }

    @Test
    void theQuestionIsAcceptedBeforeTheFirstWordsAreShown() {
        answer(ScriptedModel.answering("Hello there."), "Hi?");

        assertThat(target.calls).extracting(RecordingTarget.Call::kind).startsWith("accepted", "post");
        assertThat(target.accepted).isEqualTo(1);
    }

    @Test
    void aRefusedQuestionIsNeverAcceptedSoNoPlaceIsOpenedForIt() {
        answer(ScriptedModel.answering("never"), "   ");

        assertThat(target.accepted).isZero();
    }

    @Test
    void aRefusalWithNothingShownGoesToTheAskerPrivatelyWhenThePresenterSaysSo() {
        presenter.privateNotes = true;

        ChatOutcome outcome = answer(ScriptedModel.answering("never"), "   ");

        assertThat(outcome).isEqualTo(new ChatOutcome.Refused(new Refusal.EmptyQuestion()));
        assertThat(privately).containsExactly("Ask me something.");
        assertThat(target.calls).isEmpty();
    }

    @Test
    void aRefusalWithNothingShownIsShownInPlaceOtherwiseWhereTheQuestionWas() {
        answer(ScriptedModel.answering("never"), "   ");

        assertThat(target.texts()).containsExactly("Ask me something.");
        assertThat(target.endedWithoutAnswer).isTrue();
        assertThat(privately).isEmpty();
    }

    @Test
    void aNoticeAboutASecretAlwaysGoesPrivatelyEvenWhereNotesAreShownInPlace() {
        String secret = "AKIA" + "FAKEFAKEFAKEFAKE";

        ChatOutcome outcome = answer(ScriptedModel.answering("never"), "is " + secret + " valid?");

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Refused.class,
                refused -> assertThat(refused.refusal()).isInstanceOf(Refusal.SecretInQuestion.class));
        assertThat(privately).singleElement().asString().contains("did not send your message");
        assertThat(target.calls).isEmpty();
    }

    @Test
    void aFailureAfterSomeWordsKeepsThemAndAppendsTheNoteInPlace() {
        presenter.privateNotes = true;

        ChatOutcome outcome = answer(ScriptedModel.failingAfter(new ModelError.StreamBroken(5, ""), "Half "),
                "Tell me?");

        assertThat(outcome).isInstanceOf(ChatOutcome.Failed.class);
        assertThat(target.texts()).containsExactly("Half\n\n" + presenter.note(outcome));
        assertThat(privately).isEmpty();
        assertThat(target.endedWithoutAnswer).isFalse();
    }

    @Test
    void aFailureOfTheReplySinkIsTheBotsOwnFaultAndNeverToldAsAnOutageOfOpenAi() {
        target.failAccepted = new IllegalStateException("the platform is gone");

        ChatOutcome outcome = answer(ScriptedModel.answering("never shown"), "Hi?");

        assertThat(outcome).isInstanceOfSatisfying(ChatOutcome.Failed.class, failed -> assertThat(failed.cause())
                .isInstanceOfSatisfying(BotFault.class, fault -> assertThat(fault.where()).isEqualTo(BotFault.Where.SINK)));
        assertThat(target.texts()).singleElement().asString().contains("inside the bot").doesNotContain("OpenAI");
    }

    @Test
    void anAnswerThePlatformWillNotTakeReachesTheAskerPrivatelyWithThePresentersWords() {
        target.refuses = text -> true;

        answer(ScriptedModel.answering("All of ", "the answer."), "Hi?");

        assertThat(presenter.notPosted).containsExactly("All of the answer.");
        assertThat(privately).containsExactly("Not posted: All of the answer.");
    }
}
