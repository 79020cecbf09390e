package dev.askgate.core.render;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.Usage;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.testing.ManualClock;
import dev.askgate.core.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A target that declines the first post (a native stream that cannot start): the answer is shown the other way. */
class DeclinedSurfaceTest {
    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final RecordingTarget shown = new RecordingTarget(clock);
    private final DecliningTarget target = new DecliningTarget(shown);
    /** A pacer with room for one open reply: a reply that kept its place on it would hold the channel's progress. */
    private final EditPacer nativePacer = new EditPacer(Duration.ofMillis(1000), 2, Duration.ofSeconds(60), clock)
            .keepingFinalsFree();
    private final EditPacer editsPacer = EditPacer.forDiscord(Duration.ofMillis(1500), clock);
    private final TestPresenter edits = new TestPresenter(editsPacer, 80, md -> md.replace("&", "&amp;"), Optional.empty());
    private final TestPresenter streams = new TestPresenter(nativePacer, 5000, md -> md, Optional.of(edits));

    /** Declines posts while {@code declining}; records how the reply ended. */
    private static final class DecliningTarget implements MessageTarget {
        private final RecordingTarget inner;
        volatile boolean declining = true;
        int declined;
        final List<Boolean> ended = new CopyOnWriteArrayList<>();

        DecliningTarget(RecordingTarget inner) {
            this.inner = inner;
        }

        @Override
        public String post(String text) {
            if (declining) {
                declining = false;
                declined++;
                throw new SurfaceDeclined("not_allowed");
            }
            return inner.post(text);
        }

        @Override public String postContinuation(String previousId, String text) { return inner.postContinuation(previousId, text); }
        @Override public void edit(String messageId, String text) { inner.edit(messageId, text); }
        @Override public void ended(boolean complete) { ended.add(complete); }
    }

    private record TestPresenter(EditPacer pacer, int partLength, java.util.function.UnaryOperator<String> formatter,
                                 Optional<Presenter> fallback) implements Presenter {
        @Override public String format(String markdown) { return formatter.apply(markdown); }
        @Override public String note(ChatOutcome outcome) { return ""; }
        @Override public Optional<Duration> typingRenewal() { return Optional.empty(); }
        @Override public boolean notesPrivatelyWhenNothingShown() { return false; }
        @Override public Optional<String> notPosted(ChatRequest request, RuntimeException failure, String text) { return Optional.empty(); }
        @Override public String answerIn(String ownMessage) { return ownMessage; }
    }

    private StreamingReply reply() {
        return Finishing.watched(new StreamingReply(target, streams, "channel-1", scheduler), scheduler);
    }

    private static ChatOutcome.Answered answered(String text) {
        return new ChatOutcome.Answered(text, Usage.NONE, "gpt-test", "stop");
    }

    @Test
    void aDeclinedFirstPostShowsTheSameTextTheOtherWayInItsFormatAndPartLength() {
        StreamingReply reply = reply();
        String answer = "Salt & pepper, then more words until the text is longer than one short part can hold, which takes a while to write.";
        reply.delta(answer.substring(0, 20));
        scheduler.settle();

        assertThat(target.declined).isEqualTo(1);
        assertThat(shown.calls("post")).singleElement()
                .satisfies(c -> assertThat(c.text()).isEqualTo("Salt &amp; pepper, then "));

        Finishing.shown(reply, scheduler, answered(answer), "");

        assertThat(target.declined).isEqualTo(1);
        assertThat(shown.texts()).hasSizeGreaterThan(1).allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(80));
        assertThat(String.join(" ", shown.texts())).isEqualTo(answer.replace("&", "&amp;"));
        assertThat(target.ended).containsExactly(true);
    }

    @Test
    void theDeclinedWayGivesBackItsPlaceInItsPacersBudget() {
        StreamingReply reply = reply();
        reply.delta("First words ");
        scheduler.settle();

        assertThat(shown.calls("post")).hasSize(1);
        assertThat(nativePacer.progressAllowed("channel-1")).isTrue();
        Finishing.shown(reply, scheduler, answered("First words and the rest."), "");
    }

    @Test
    void anAnswerDeclinedAtItsFinishIsShownTheOtherWayWithoutAnyStreamingFirst() {
        StreamingReply reply = reply();

        Finishing.shown(reply, scheduler, answered("Whole & at once."), "");

        assertThat(target.declined).isEqualTo(1);
        assertThat(shown.texts()).containsExactly("Whole &amp; at once.");
        assertThat(target.ended).containsExactly(true);
    }

    @Test
    void theTargetHearsOfAnEndThatIsNotCompleteOnce() {
        target.declining = false;
        StreamingReply reply = reply();
        reply.delta("Partial words ");
        scheduler.settle();

        Finishing.shown(reply, scheduler, new ChatOutcome.Failed(new ModelError.Timeout(Duration.ofSeconds(30), ""), "Partial words "),
                "The model took too long.");

        assertThat(shown.texts()).containsExactly("Partial words\n\nThe model took too long.");
        assertThat(target.ended).containsExactly(false);
    }

    @Test
    void aFinalRenderThatFailsStillEndsTheReplyOnTheTarget() {
        target.declining = false;
        shown.failingPosts = 1_000;
        StreamingReply reply = reply();

        FinishResult result = Finishing.inTime(reply, scheduler, answered("Never shown."), "");

        assertThat(result).isInstanceOf(FinishResult.NotShown.class);
        assertThat(target.ended).containsExactly(false);
    }

    @Test
    void aTargetThatDeclinesWithNoFallbackLeavesTheAnswerNotShown() {
        StreamingReply reply = Finishing.watched(new StreamingReply(target, edits, "channel-1", scheduler), scheduler);

        FinishResult result = Finishing.inTime(reply, scheduler, answered("Nowhere to go."), "");

        assertThat(result).isInstanceOf(FinishResult.NotShown.class)
                .satisfies(r -> assertThat(((FinishResult.NotShown) r).failure()).isInstanceOf(SurfaceDeclined.class));
        assertThat(target.ended).containsExactly(false);
    }
}
