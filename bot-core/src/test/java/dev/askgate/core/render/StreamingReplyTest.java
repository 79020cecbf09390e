package dev.askgate.core.render;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Refusal;
import dev.askgate.core.Usage;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.testing.ManualClock;
import dev.askgate.core.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class StreamingReplyTest {
    private static final Duration INTERVAL = Duration.ofMillis(1500);

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final EditPacer pacer = EditPacer.forDiscord(INTERVAL, clock);
    private final RecordingTarget target = new RecordingTarget(clock);

    private StreamingReply reply(int limit) {
        return Finishing.watched(new StreamingReply(target, new MessageSplitter(limit), pacer, "channel-1", scheduler),
                scheduler);
    }

    private static ChatOutcome.Answered answered(String text) {
        return new ChatOutcome.Answered(text, Usage.NONE, "gpt-test", "stop");
    }

    @Test
    void theFirstWordsArePostedAtOnce() {
        StreamingReply reply = reply(2000);
        Instant start = clock.instant();

        reply.delta("Hello ");
        scheduler.settle();

        assertThat(target.calls).singleElement().satisfies(call -> {
            assertThat(call.kind()).isEqualTo("post");
            assertThat(call.text()).isEqualTo("Hello ");
            assertThat(call.at()).isEqualTo(start);
        });
    }

    @Test
    void aFirstPostOnItsWayAlreadyCountsAsPostedSoThatNoTypingFollowsIt() {
        StreamingReply reply = reply(2000);
        AtomicReference<Boolean> duringThePost = new AtomicReference<>();
        target.refuses = text -> {
            duringThePost.set(reply.nothingPosted()); // the platform has the post, its id is not back yet
            return false;
        };
        assertThat(reply.nothingPosted()).isTrue();

        reply.delta("Hello ");
        scheduler.settle();

        assertThat(duringThePost).hasValue(false);
        assertThat(reply.nothingPosted()).isFalse();
    }

    @Test
    void startingShowsTheTypingIndicator() {
        reply(2000).accepted();

        assertThat(target.typing).isEqualTo(1);
        assertThat(target.calls).isEmpty();
    }

    @Test
    void aBlankFinalTextLeavesNoStreamedTextBehind() {
        StreamingReply reply = reply(2000);
        reply.delta("Streamed words ");
        scheduler.settle();

        FinishResult done = reply.finish("", Finishing.AT_ONCE);

        assertThat(done).isInstanceOf(FinishResult.Shown.class);
        assertThat(target.texts()).containsExactly(StreamingReply.BLANK);
    }

    @Test
    void anEditBookedButNotMadeDoesNotHoldUpTheFinalEdits() {
        StreamingReply reply = reply(2000);
        reply.delta("a ");
        reply.delta("b "); // books an edit 1.5 s after the post
        scheduler.settle();
        for (int i = 0; i < 4; i++) pacer.reserveFinalEdit("channel-1", "other-" + i); // 4 of 5 in use

        FinishResult done = reply.finish(answered("a b c"), "", Finishing.AT_ONCE);

        assertThat(done).isInstanceOf(FinishResult.Shown.class);
        assertThat(target.texts()).containsExactly("a b c");
    }

    @Test
    void whitespaceAloneIsNotPosted() {
        StreamingReply reply = reply(2000);

        reply.delta("\n");
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(target.calls).isEmpty();

        reply.delta("Text");
        scheduler.settle();
        assertThat(target.calls("post")).singleElement().extracting(RecordingTarget.Call::text).isEqualTo("\nText");
    }

    @Test
    void editsOfAGrowingMessageAreSpacedAtLeastOneIntervalApart() {
        StreamingReply reply = reply(2000);
        StringBuilder sent = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            String piece = "word" + i + " ";
            sent.append(piece);
            reply.delta(piece);
            scheduler.advance(Duration.ofMillis(100));
        }

        List<RecordingTarget.Call> edits = target.calls("edit");
        assertThat(edits).hasSizeBetween(5, 7); // 10 s of text at one edit per 1.5 s
        Instant previous = target.calls("post").getFirst().at();
        for (RecordingTarget.Call edit : edits) {
            assertThat(Duration.between(previous, edit.at())).isGreaterThanOrEqualTo(INTERVAL);
            previous = edit.at();
        }
        // Each edit shows everything that had arrived when it ran.
        assertThat(sent.toString()).startsWith(edits.getLast().text());
    }

    @Test
    void textThatArrivesDuringTheQuietIntervalAndThenStopsIsStillShown() {
        StreamingReply reply = reply(2000);
        reply.delta("First ");
        scheduler.advance(Duration.ofMillis(200));
        reply.delta("and last words");
        scheduler.settle();

        assertThat(target.calls("edit")).isEmpty();
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(target.calls("edit")).singleElement().satisfies(edit -> {
            assertThat(edit.text()).isEqualTo("First and last words");
            assertThat(edit.at()).isEqualTo(target.calls("post").getFirst().at().plus(INTERVAL));
        });
    }

    @Test
    void theFinalEditIsMadeAtOnceAndHoldsTheWholeText() {
        StreamingReply reply = reply(2000);
        reply.delta("The answer ");
        scheduler.advance(Duration.ofMillis(1600));
        reply.delta("is ");
        scheduler.advance(Duration.ofMillis(1600)); // one paced edit has happened
        reply.delta("forty-two.");
        scheduler.settle();
        Instant end = clock.instant();

        FinishResult done = reply.finish(answered("The answer is forty-two."), "", Finishing.AT_ONCE);

        assertThat(done).isInstanceOf(FinishResult.Shown.class);
        assertThat(target.calls("edit").getLast()).satisfies(edit -> {
            assertThat(edit.text()).isEqualTo("The answer is forty-two.");
            assertThat(edit.at()).isEqualTo(end);
        });
        assertThat(target.texts()).containsExactly("The answer is forty-two.");
        assertThat(scheduler.pending()).isZero(); // the scheduled intermediate edit was cancelled
        int edits = target.calls("edit").size();
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(target.calls("edit")).hasSize(edits);
    }

    @Test
    void aLongAnswerContinuesInFurtherMessagesWithBalancedFences() {
        StreamingReply reply = reply(300);
        String text = "Intro paragraph with some words.\n\n```java\n"
                + "System.out.println(\"line\");\n".repeat(40) + "```\n\nClosing words after the code.";
        Random random = new Random(3);
        int at = 0;
        while (at < text.length()) {
            int next = Math.min(text.length(), at + 1 + random.nextInt(25));
            reply.delta(text.substring(at, next));
            at = next;
            scheduler.advance(Duration.ofMillis(150));
        }

        Finishing.shown(reply, scheduler, answered(text), "");

        List<String> expected = new MessageSplitter(300).split(text);
        assertThat(expected).hasSizeGreaterThan(3);
        assertThat(target.texts()).isEqualTo(expected);
        assertThat(target.texts()).allSatisfy(t -> {
            assertThat(t.length()).isLessThanOrEqualTo(300);
            assertThat(FenceCheck.balanced(t)).isTrue();
        });
        List<RecordingTarget.Call> continuations = target.calls("continue");
        assertThat(continuations).hasSize(expected.size() - 1);
        String previous = target.calls("post").getFirst().messageId();
        for (RecordingTarget.Call c : continuations) {
            assertThat(c.previousId()).isEqualTo(previous);
            previous = c.messageId();
        }
        assertThat(reply.messageIds()).hasSize(expected.size());
    }

    @Test
    void aFailureAfterPartialTextKeepsTheTextAndAppendsTheError() {
        StreamingReply reply = reply(2000);
        reply.delta("Half of the ");
        reply.delta("answer ");
        var failed = new ChatOutcome.Failed(new ModelError.StreamBroken(19, ""), "Half of the answer ");

        Finishing.shown(reply, scheduler, failed, "The answer was cut off: the connection to OpenAI broke.");

        assertThat(target.texts()).containsExactly(
                "Half of the answer\n\nThe answer was cut off: the connection to OpenAI broke.");
    }

    @Test
    void anOutcomeWithNoTextPostsTheWordsForAPerson() {
        StreamingReply reply = reply(2000);

        Finishing.shown(reply, scheduler, new ChatOutcome.Refused(new Refusal.EmptyQuestion()), "Ask me something.");

        assertThat(target.calls).singleElement().satisfies(call -> {
            assertThat(call.kind()).isEqualTo("post");
            assertThat(call.text()).isEqualTo("Ask me something.");
        });
    }

    @Test
    void aTruncationNoteIsAppendedToAnAnswer() {
        StreamingReply reply = reply(2000);
        reply.delta("Long story ");

        Finishing.shown(reply, scheduler, answered("Long story short"), "(cut off at the length limit)");

        assertThat(target.texts()).containsExactly("Long story short\n\n(cut off at the length limit)");
    }

    @Test
    void blankingAMessageTheFinalTextNoLongerNeedsWaitsForTheChannelBudgetToo() {
        StreamingReply reply = reply(64);
        reply.delta("A first answer that streams long enough to need a second message on this platform. ");
        scheduler.settle();
        assertThat(reply.messageIds()).hasSize(2);
        for (int i = 0; i < 4; i++) pacer.reserveFinalEdit("channel-1", "other-" + i); // 4 of 5 in use

        FinishResult done = Finishing.settledAfter(reply, scheduler, answered("Short."), "");

        // The second message's create and the four others fill the window: the final edits wait for the next.
        assertThat(done).isInstanceOf(FinishResult.StillWaiting.class);
        assertThat(target.texts()).last().asString().isNotEqualTo(StreamingReply.BLANK);
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(reply.await(Duration.ZERO)).isInstanceOf(FinishResult.Shown.class);
        assertThat(target.texts()).containsExactly("Short.", StreamingReply.BLANK);
    }

    @Test
    void theFirstMessageOfAFinalTextGoesOutAtOnceAndTheFurtherOnesWaitForTheChannelBudget() {
        StreamingReply reply = reply(64);
        for (int i = 0; i < 5; i++) pacer.reserveFinalEdit("channel-1", "other-" + i); // the window is full
        Instant start = clock.instant();
        String text = "A sentence that fills most of one short message here. ".repeat(4).strip();

        FinishResult done = Finishing.settledAfter(reply, scheduler, answered(text), "");

        assertThat(done).isInstanceOf(FinishResult.StillWaiting.class);
        assertThat(target.calls).singleElement().satisfies(call -> {
            assertThat(call.kind()).isEqualTo("post");
            assertThat(call.at()).isEqualTo(start);
        });
        scheduler.advance(Duration.ofSeconds(5));
        assertThat(reply.await(Duration.ZERO)).isInstanceOf(FinishResult.Shown.class);
        assertThat(target.texts()).isEqualTo(new MessageSplitter(64).split(text)).hasSizeGreaterThan(2);
        assertThat(target.calls("continue")).allSatisfy(call ->
                assertThat(call.at()).isEqualTo(start.plus(Duration.ofSeconds(5))));
    }

    @Test
    void theFinalEditWaitsOnlyForTheChannelBudget() {
        StreamingReply reply = reply(2000);
        reply.delta("Some ");
        reply.delta("text");
        scheduler.settle();
        pacer.backOff("channel-1", Duration.ofSeconds(3)); // the platform answered 429

        FinishResult done = Finishing.settledAfter(reply, scheduler, answered("Some text."), "");

        assertThat(done).isInstanceOf(FinishResult.StillWaiting.class);
        scheduler.advance(Duration.ofMillis(2900));
        assertThat(reply.await(Duration.ZERO)).isInstanceOf(FinishResult.StillWaiting.class);
        scheduler.advance(Duration.ofMillis(100));
        assertThat(reply.await(Duration.ZERO)).isInstanceOf(FinishResult.Shown.class);
        assertThat(target.texts()).containsExactly("Some text.");
    }

    @Test
    void aFailedIntermediateEditIsMadeGoodByTheNextOne() {
        StreamingReply reply = reply(2000);
        reply.delta("One ");
        scheduler.settle(); // posted alone
        reply.delta("two ");
        scheduler.settle();
        target.failNextEdit = new IllegalStateException("platform hiccup");
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(target.texts()).containsExactly("One ");

        reply.delta("three");
        scheduler.advance(Duration.ofSeconds(2));

        assertThat(target.texts()).containsExactly("One two three");
    }

    @Test
    void aFailedFirstPostIsTriedAgainAfterAnIntervalNotOnEveryDelta() {
        StreamingReply reply = reply(2000);
        target.failingPosts = 1;

        reply.delta("One ");
        for (int i = 0; i < 10; i++) reply.delta("more ");
        scheduler.settle();
        assertThat(target.postAttempts).isEqualTo(1);

        scheduler.advance(INTERVAL);
        assertThat(target.postAttempts).isEqualTo(2);
        assertThat(target.texts()).containsExactly("One " + "more ".repeat(10));
    }

    @Test
    void aRefusedFinalEditEndsAsNotShownWithThePlatformsFailure() {
        StreamingReply reply = reply(2000);
        reply.delta("One ");
        scheduler.settle();
        IllegalStateException down = new IllegalStateException("platform down");
        target.failNextEdit = down;

        FinishResult done = reply.finish(answered("One two"), "", Finishing.AT_ONCE);

        assertThat(done).isEqualTo(new FinishResult.NotShown(down));
    }

    @Test
    void deltasAfterTheFinishAreIgnored() {
        StreamingReply reply = reply(2000);
        reply.delta("Done ");
        Finishing.shown(reply, scheduler, answered("Done."), "");

        reply.delta("late text");
        scheduler.advance(Duration.ofSeconds(5));

        assertThat(target.texts()).containsExactly("Done.");
    }

    @Test
    void textCrossingTheMessageLimitMakesOneCallPerBookedSlot() {
        StreamingReply reply = reply(64);
        reply.delta("Short first words. ");
        scheduler.settle();
        Instant start = clock.instant();
        reply.delta("And then a much longer continuation that crosses the limit of a message. ");
        scheduler.settle();

        scheduler.advance(INTERVAL);

        List<RecordingTarget.Call> paced = target.calls.stream().filter(c -> c.at().isAfter(start)).toList();
        assertThat(paced).hasSize(1); // the booked slot pays for one call; the continuation waits for the next
        scheduler.advance(INTERVAL.multipliedBy(2));
        assertThat(target.texts()).isEqualTo(new MessageSplitter(64).split(
                "Short first words. And then a much longer continuation that crosses the limit of a message. "));
        assertThat(target.calls.stream().map(RecordingTarget.Call::at).distinct().count())
                .isEqualTo(target.calls.size()); // never two calls at one instant
    }
}
