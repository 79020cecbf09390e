package dev.askgate.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * "is thinking…" under a thread while the model prepares its first words ({@code assistant.threads.setStatus}),
 * in the assistant panel and in channel threads alike, shown when the core's typing indicator asks for it (an answer
 * with no post half a second after its question was accepted). Best-effort in every way: the call runs on its own
 * virtual thread so it never delays the answer, and a failure is logged once per cause and never shown. Slack clears
 * the status when the bot posts in the thread; it is cleared here when that may not have happened.
 */
final class SlackThinkingStatus {
    private static final Logger log = LoggerFactory.getLogger(SlackThinkingStatus.class);
    static final String STATUS = "is thinking…";
    /** Without commas: Bolt sends the list as one comma-separated form value. */
    static final List<String> LOADING_MESSAGES = List.of("Reading your question…", "Thinking it through…",
            "Putting the answer into words…");

    private final SlackStreamCalls calls;
    private final Executor executor;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    SlackThinkingStatus(SlackStreamCalls calls, Executor executor) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** On virtual threads, one per call. */
    static SlackThinkingStatus onVirtualThreads(SlackStreamCalls calls) {
        return new SlackThinkingStatus(calls, task -> Thread.ofVirtual().name("slack-status").start(task));
    }

    /**
     * Starts showing the status under {@code threadTs} of {@code channel}; returns at once.
     *
     * @param postingInThread whether the answer's first post in the thread has begun (and not failed): Slack
     *                        clears a status set before that post, but not one it sets after it
     */
    Shown show(String channel, String threadTs, BooleanSupplier postingInThread) {
        return new Shown(channel, threadTs, postingInThread);
    }

    /** The status of one answer's thread. */
    final class Shown {
        private final String channel;
        private final String threadTs;
        private final BooleanSupplier postingInThread;
        private final CompletableFuture<Void> set;
        private volatile boolean up;

        private Shown(String channel, String threadTs, BooleanSupplier postingInThread) {
            this.channel = channel;
            this.threadTs = threadTs;
            this.postingInThread = postingInThread;
            this.set = CompletableFuture.runAsync(() -> {
                String error = calls.setStatus(channel, threadTs, STATUS, LOADING_MESSAGES);
                report("set", error);
                up = error.isEmpty();
                // A post that began before Slack had answered may have been ordered before the status: then
                // nothing would clear it until the answer's end (which may wait minutes for its final edits).
                if (up && postingInThread.getAsBoolean()) clear();
            }, executor);
        }

        /**
         * The answer is over: a status still up that no post cleared (only a private note, a failure, every post
         * refused) is cleared, after the call that set it. A post whose outcome is unknown counts as not in:
         * clearing a status Slack already cleared is harmless, leaving "is thinking…" up for good is not.
         */
        void answerEnded() {
            if (set.isDone() && !needsClearing()) return;
            set.thenRunAsync(() -> {
                if (needsClearing()) clear();
            }, executor);
        }

        private boolean needsClearing() {
            return up && !postingInThread.getAsBoolean();
        }

        private void clear() {
            up = false;
            report("clear", calls.setStatus(channel, threadTs, "", List.of()));
        }
    }

    private void report(String what, String error) {
        if (error.isEmpty()) return;
        if (reported.add(what + ":" + error)) {
            log.info("platform=slack could not {} the thinking status ({}); answers go on without it (logged once)",
                    what, error);
        } else {
            log.debug("platform=slack could not {} the thinking status ({})", what, error);
        }
    }
}
