package dev.askgate.slack;

import dev.askgate.core.ChatRequest;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One question to answer in Slack: the core's request, the channel, the thread the answer goes in (a supplier,
 * because an {@code /ask} posts the quoted question first, and only once the core has accepted the question),
 * and how to reach the asker privately.
 */
record SlackQuestion(ChatRequest request, String channel, Supplier<String> thread, PrivateReply privately) {
    SlackQuestion {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(privately, "privately");
    }

    /** A thread that already exists (a mention, a DM): its ts. */
    static Supplier<String> existing(String threadTs) {
        return () -> threadTs;
    }

    /** A thread that begins with a message posted on first use (the quoted {@code /ask} question). */
    static Supplier<String> startedBy(SlackWebApi api, String channel, String text) {
        return new Supplier<>() {
            // A lock, not synchronized: the post blocks, and a virtual thread blocked inside synchronized pins
            // its carrier thread on JDK 21.
            private final ReentrantLock lock = new ReentrantLock();
            private String ts;

            @Override
            public String get() {
                lock.lock();
                try {
                    if (ts == null) ts = api.postMessage(channel, "", text);
                    return ts;
                } finally {
                    lock.unlock();
                }
            }
        };
    }
}
