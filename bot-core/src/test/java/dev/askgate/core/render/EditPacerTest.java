package dev.askgate.core.render;

import dev.askgate.core.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class EditPacerTest {
    private static final Duration INTERVAL = Duration.ofMillis(1500);
    private final ManualClock clock = new ManualClock();

    @Test
    void theFirstEditOfANewMessageWaitsOneInterval() {
        EditPacer pacer = EditPacer.forDiscord(INTERVAL, clock);
        pacer.posted("c", "m1");

        assertThat(pacer.reserveEdit("c", "m1")).isEqualTo(INTERVAL);
    }

    @Test
    void editsOfOneMessageAreBookedOneIntervalApart() {
        EditPacer pacer = EditPacer.forDiscord(INTERVAL, clock);

        assertThat(pacer.reserveEdit("c", "m1")).isZero();
        assertThat(pacer.reserveEdit("c", "m1")).isEqualTo(INTERVAL);
        clock.advance(Duration.ofMillis(500));
        assertThat(pacer.reserveEdit("c", "m1")).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void aFurtherMessageIsCountedInTheChannelBudgetWithNoIntervalOfItsOwn() {
        EditPacer pacer = EditPacer.forDiscord(INTERVAL, clock);

        for (int i = 0; i < 5; i++) assertThat(pacer.reserveCreate("c")).isZero();
        assertThat(pacer.reserveCreate("c")).isEqualTo(Duration.ofSeconds(5));
        assertThat(pacer.reserveFinalEdit("c", "m1")).isEqualTo(Duration.ofSeconds(5));
        assertThat(pacer.reserveCreate("other channel")).isZero();
    }

    @Test
    void theFinalEditSkipsTheMessageIntervalButNotTheChannelBudget() {
        EditPacer pacer = EditPacer.forDiscord(INTERVAL, clock);
        pacer.reserveEdit("c", "m1");

        assertThat(pacer.reserveFinalEdit("c", "m1")).isZero();

        for (int i = 0; i < 3; i++) pacer.reserveFinalEdit("c", "other" + i);
        // Five edits in this channel now; the sixth waits for the window to pass.
        assertThat(pacer.reserveFinalEdit("c", "m2")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aCancelledFutureEditGivesItsSlotBack() {
        EditPacer pacer = EditPacer.forDiscord(INTERVAL, clock);
        pacer.posted("c", "m1");
        assertThat(pacer.reserveEdit("c", "m1")).isEqualTo(INTERVAL);
        for (int i = 0; i < 4; i++) pacer.reserveFinalEdit("c", "other" + i);
        assertThat(pacer.delayBeforeEdit("c", "x")).isPositive();

        pacer.cancelEdit("c", "m1");

        assertThat(pacer.reserveFinalEdit("c", "m1")).isZero();
    }

    @Test
    void channelsHaveSeparateBudgets() {
        EditPacer pacer = EditPacer.forDiscord(INTERVAL, clock);
        for (int i = 0; i < 5; i++) pacer.reserveFinalEdit("a", "m" + i);

        assertThat(pacer.reserveFinalEdit("b", "x")).isZero();
        assertThat(pacer.delayBeforeEdit("a", "y")).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void delayBeforeEditDoesNotBook() {
        EditPacer pacer = EditPacer.forDiscord(INTERVAL, clock);
        for (int i = 0; i < 10; i++) assertThat(pacer.delayBeforeEdit("c", "m")).isZero();
        assertThat(pacer.reserveEdit("c", "m")).isZero();
    }

    @Test
    void aBackOffFromThePlatformHoldsEveryEditInThatChannel() {
        EditPacer pacer = EditPacer.forDiscord(INTERVAL, clock);
        pacer.backOff("c", Duration.ofSeconds(4));

        assertThat(pacer.reserveFinalEdit("c", "m1")).isEqualTo(Duration.ofSeconds(4));
        assertThat(pacer.reserveFinalEdit("other", "m2")).isZero();
        clock.advance(Duration.ofSeconds(4));
        assertThat(pacer.reserveFinalEdit("c", "m3")).isZero();
    }

    @Test
    void noWindowEverHoldsMoreEditsThanTheBudgetWhateverTheMixOfCalls() {
        for (int seed = 0; seed < 50; seed++) {
            Random random = new Random(seed);
            EditPacer pacer = new EditPacer(INTERVAL, 5, Duration.ofSeconds(5), clock);
            List<Long> at = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String message = "m" + random.nextInt(6);
                Duration wait = random.nextInt(4) == 0 ? pacer.reserveFinalEdit("c", message)
                        : pacer.reserveEdit("c", message);
                at.add(clock.millis() + wait.toMillis());
                clock.advance(Duration.ofMillis(random.nextInt(900)));
            }
            assertAtMostPerWindow(at, 5, 5000);
        }
    }

    @Test
    void concurrentRepliesShareTheBudgetSafely() throws Exception {
        EditPacer pacer = EditPacer.forDiscord(INTERVAL, clock);
        List<Long> at = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String message = "m" + t;
                futures.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < 20; i++) at.add(clock.millis() + pacer.reserveEdit("c", message).toMillis());
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) f.get();
        }
        assertThat(at).hasSize(160);
        assertAtMostPerWindow(at, 5, 5000);
    }

    @Test
    void aBacklogOfThousandsOfBookingsStaysWithinTheBudget() {
        EditPacer pacer = new EditPacer(Duration.ZERO, 50, Duration.ofMinutes(1), clock);
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            at.add(clock.millis() + pacer.reserveFinalEdit("w", "m" + i).toMillis());
            if (i % 7 == 0) clock.advance(Duration.ofMillis(100));
        }
        assertAtMostPerWindow(at, 50, 60_000);
        // A later booking comes after the backlog, one window after the budget's last 50th booking.
        List<Long> sorted = new ArrayList<>(at);
        Collections.sort(sorted);
        assertThat(clock.millis() + pacer.reserveFinalEdit("w", "late").toMillis())
                .isEqualTo(sorted.get(sorted.size() - 50) + 60_000);
    }

    @Test
    void messagesLeftUnfinishedAreStillDroppedOnceStaleAmongThousandsOfLiveOnes() {
        EditPacer pacer = EditPacer.forSlackPosts(clock);
        for (int i = 0; i < 5_000; i++) pacer.reserveFinalEdit("C" + i, "old" + i); // never forgotten
        assertThat(pacer.trackedMessages()).isEqualTo(5_000); // pruned at 4,097 already, but none was stale then

        clock.advance(Duration.ofMinutes(1)); // 2 s windows: every old booking is stale now
        for (int i = 0; i < 4_000; i++) pacer.reserveFinalEdit("D" + i, "new" + i);

        assertThat(pacer.trackedMessages()).isEqualTo(4_000);
    }

    @Test
    void aForgottenMessageIsNoLongerTracked() {
        EditPacer pacer = EditPacer.forSlackPosts(clock);
        pacer.reserveFinalEdit("C1", "marker");
        pacer.forget("marker");

        assertThat(pacer.trackedMessages()).isZero();
        assertThat(pacer.reserveFinalEdit("C1", "next")).isZero(); // its booking still counts: 2 in 2 s
        assertThat(pacer.reserveFinalEdit("C1", "third")).isPositive();
    }

    @Test
    void aPacerThatKeepsFinalsFreeStopsProgressWhileOpenRepliesNeedTheirFinalEdits() {
        EditPacer pacer = new EditPacer(INTERVAL, 5, Duration.ofSeconds(5), clock).keepingFinalsFree();
        // Four replies show partial answers (and so will need four final edits); a fifth may not start.
        for (int i = 0; i < 4; i++) assertThat(pacer.openIfRoom("w", "r" + i)).as("reply %d", i).isTrue();
        assertThat(pacer.openIfRoom("w", "r4")).isFalse();
        assertThat(pacer.reserveProgressEdit("w", "m0")).isEmpty();
        assertThat(pacer.progressAllowed("other")).isTrue();

        for (int i = 0; i < 4; i++) assertThat(pacer.reserveFinalEdit("w", "m" + i)).isZero();
        for (int i = 0; i < 4; i++) pacer.close("r" + i);
        assertThat(pacer.progressAllowed("w")).isFalse(); // four edits in this window
        clock.advance(Duration.ofSeconds(5));
        assertThat(pacer.progressAllowed("w")).isTrue();
        assertThat(pacer.reserveProgressEdit("w", "m0")).contains(Duration.ZERO);
    }

    @Test
    void discordsPacerAlwaysAllowsProgress() {
        EditPacer pacer = EditPacer.forDiscord(INTERVAL, clock);
        for (int i = 0; i < 10; i++) assertThat(pacer.openIfRoom("c", "r" + i)).isTrue();
        assertThat(pacer.progressAllowed("c")).isTrue();
    }

    @Test
    void slacksPostPacerLetsAThreadsFirstTwoPostsGoAtOnceAndKeepsSlacksBurstAndRate() {
        EditPacer pacer = EditPacer.forSlackPosts(clock);
        // An /ask's quoted question and the first message of its answer: neither waits.
        assertThat(pacer.reserveFinalEdit("C1", "quote")).isZero();
        assertThat(pacer.reserveFinalEdit("C1", "answer")).isZero();
        assertThat(pacer.reserveFinalEdit("C1", "third")).isEqualTo(Duration.ofSeconds(2));
        assertThat(pacer.reserveFinalEdit("C2", "elsewhere")).isZero();

        // However the posts come, Slack's token bucket (3, refilled one a second) always has one to spare.
        Random random = new Random(7);
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            at.add(clock.millis() + pacer.reserveFinalEdit("C3", "p" + i).toMillis());
            clock.advance(Duration.ofMillis(random.nextInt(1500)));
        }
        Collections.sort(at);
        double tokens = 3;
        long last = at.getFirst();
        for (long t : at) {
            tokens = Math.min(3, tokens + (t - last) / 1000.0);
            last = t;
            assertThat(tokens).as("tokens before the post at %d", t).isGreaterThanOrEqualTo(2);
            tokens -= 1;
        }
    }

    private static void assertAtMostPerWindow(List<Long> times, int budget, long windowMillis) {
        List<Long> sorted = new ArrayList<>(times);
        Collections.sort(sorted);
        for (int i = budget; i < sorted.size(); i++) {
            assertThat(sorted.get(i) - sorted.get(i - budget)).as("edit %d", i).isGreaterThanOrEqualTo(windowMillis);
        }
    }
}
