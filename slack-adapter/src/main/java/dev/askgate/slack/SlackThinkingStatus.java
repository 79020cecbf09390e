package dev.askgate.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * "is thinking…" under a thread while the model prepares its first words ({@code assistant.threads.setStatus}),
 * in the assistant panel and in channel threads alike, shown when the core's typing indicator asks for it (an answer
 * with no post half a second after its question was accepted). Best-effort in every way: the call runs on its own virtual
 * thread so it never delays the answer, and a failure is logged once per cause and never shown. Slack clears the
 * status when the bot posts in the thread; {@link Shown#answerEnded} clears it when that may not have happened.
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

    /** Starts showing the status under {@code threadTs} of {@code channel}; returns at once. */
    Shown show(String channel, String threadTs) {
        return new Shown(channel, threadTs);
    }

    /** The status of one answer's thread. */
    final class Shown {
        private final String channel;
        private final String threadTs;
        private final CompletableFuture<Void> set;
        private volatile boolean posting;
        private volatile boolean setAfterFirstPost;
        private volatile boolean taken;

        private Shown(String channel, String threadTs) {
            this.channel = channel;
            this.threadTs = threadTs;
            this.set = CompletableFuture.runAsync(() -> {
                String error = calls.setStatus(channel, threadTs, STATUS, LOADING_MESSAGES);
                report("set", error);
                taken = error.isEmpty();
                // A post that began before Slack had answered may have been ordered before the status: then
                // nothing would clear it, so the end of the answer does.
                if (error.isEmpty() && posting) setAfterFirstPost = true;
            }, executor);
        }

        /** The answer posts its first message in the thread now (Slack clears a status set before it). */
        void posting() {
            posting = true;
        }

        /**
         * That post did not go in (a refused stream start, a failed post): until another one does, nothing clears
         * the status but {@link #answerEnded}, which then must. A post whose outcome is unknown counts as not in:
         * clearing a status Slack already cleared is harmless, leaving "is thinking…" up for good is not.
         */
        void notPosted() {
            posting = false;
        }

        /**
         * The answer is over: when nothing was posted in the thread (only a private note, or a failure) or the
         * status may have landed after the first post, it is cleared, after the call that set it.
         */
        void answerEnded() {
            if (posting && !setAfterFirstPost && set.isDone()) return;
            set.thenRunAsync(() -> {
                if (!taken || posting && !setAfterFirstPost) return;
                report("clear", calls.setStatus(channel, threadTs, "", List.of()));
            }, executor);
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
