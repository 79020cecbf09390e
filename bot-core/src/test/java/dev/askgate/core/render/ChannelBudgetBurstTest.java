package dev.askgate.core.render;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Usage;
import dev.askgate.core.testing.ManualClock;
import dev.askgate.core.testing.ManualScheduler;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Many answers at once in one channel whose edit budget keeps the final edits free, as Discord's does. */
class ChannelBudgetBurstTest {
    private static final Duration INTERVAL = Duration.ofMillis(1500);
    private static final Duration WINDOW = Duration.ofSeconds(5);
    private static final String WHOLE = "The answer grows word by word and ends here.";

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final EditPacer pacer = EditPacer.forDiscord(INTERVAL, clock).keepingFinalsFree();
    private final RecordingTarget target = new RecordingTarget(clock);

    private StreamingReply reply() {
        return Finishing.watched(new StreamingReply(target, new MessageSplitter(2000), pacer, "channel-1", scheduler),
                scheduler);
    }

    private static ChatOutcome.Answered answered(String text) {
        return new ChatOutcome.Answered(text, Usage.NONE, "gpt-test", "stop");
    }

    @Test
    void underABurstTheAnswersBeyondTheBudgetArriveWholeAndNoIntermediateEditIsMade() {
        List<StreamingReply> replies = new ArrayList<>();
        for (int i = 0; i < 20; i++) replies.add(reply());
        for (String word : WHOLE.split("(?<= )")) {
            replies.forEach(r -> r.delta(word));
            scheduler.advance(Duration.ofMillis(400));
        }

        replies.forEach(r -> Finishing.shown(r, scheduler, answered(WHOLE), ""));

        assertThat(target.texts()).hasSize(20).containsOnly(WHOLE);
        List<StreamingReply> shownInPart = replies.stream().filter(r -> !target.messages.get(r.messageIds().getFirst())
                .equals(firstText(r))).toList();
        assertThat(shownInPart).as("replies that streamed: room for their final edits, one edit to spare").hasSize(4);
        // Every edit is a final edit, one per reply shown in part; everything else was posted whole.
        assertThat(target.calls("edit")).hasSize(shownInPart.size()).extracting(RecordingTarget.Call::text)
                .containsOnly(WHOLE);
        assertThat(target.calls("post").stream().filter(p -> p.text().equals(WHOLE))).hasSize(20 - shownInPart.size());
        assertWithinBudget(target.calls("edit").stream().map(RecordingTarget.Call::at).toList());
    }

    @Test
    void anAnswerWaitingForRoomIsPostedWholeTheMomentItEndsNotAnIntervalLater() {
        List<StreamingReply> open = new ArrayList<>();
        for (int i = 0; i < 4; i++) open.add(reply());
        open.forEach(r -> r.delta("Shown in part "));
        scheduler.settle();
        StreamingReply waiting = reply();
        waiting.delta("Waits for room ");
        scheduler.advance(Duration.ofMillis(2000)); // looked for room at 0 and 1.5 s; the next look is at 3 s
        assertThat(waiting.messageIds()).isEmpty();
        Instant end = clock.instant();

        Finishing.shown(waiting, scheduler, answered("Waits for room and comes whole."), "");

        assertThat(target.calls("post").getLast()).satisfies(post -> {
            assertThat(post.text()).isEqualTo("Waits for room and comes whole.");
            assertThat(post.at()).isEqualTo(end);
        });
        open.forEach(r -> Finishing.shown(r, scheduler, answered("Shown in part, then whole."), ""));
        assertThat(target.texts()).hasSize(5).doesNotContain("Shown in part ");
    }

    @Test
    void anAnswerAloneInItsChannelStillStreamsWhileTheBudgetHasRoom() {
        StreamingReply reply = reply();
        String whole = "One word after another for ten seconds. ".repeat(14).strip();
        for (String word : whole.split("(?<= )")) {
            reply.delta(word);
            scheduler.advance(Duration.ofMillis(100));
        }
        Instant end = clock.instant();

        Finishing.shown(reply, scheduler, answered(whole), "");

        List<RecordingTarget.Call> edits = target.calls("edit");
        assertThat(edits.subList(0, edits.size() - 1)).as("intermediate edits over 10 s of text").hasSizeGreaterThan(3);
        assertThat(edits.getLast()).satisfies(edit -> {
            assertThat(edit.text()).isEqualTo(whole);
            assertThat(edit.at()).as("the final edit had room at once").isEqualTo(end);
        });
        assertWithinBudget(edits.stream().map(RecordingTarget.Call::at).toList());
    }

    /** The first text the reply's message showed: its first post. */
    private String firstText(StreamingReply reply) {
        String id = reply.messageIds().getFirst();
        return target.calls("post").stream().filter(p -> p.messageId().equals(id)).findFirst().orElseThrow().text();
    }

    private static void assertWithinBudget(List<Instant> edits) {
        for (int i = 5; i < edits.size(); i++) {
            assertThat(Duration.between(edits.get(i - 5), edits.get(i))).as("six edits in one window, ending with %d", i)
                    .isGreaterThanOrEqualTo(WINDOW);
        }
    }
}
