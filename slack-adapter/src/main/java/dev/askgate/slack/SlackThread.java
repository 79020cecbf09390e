package dev.askgate.slack;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The thread an answer goes in: one that exists (a mention's, a DM's), or one that the quoted {@code /ask}
 * question begins, posted by {@link #open()} once the core has accepted the question (a refused one is never
 * quoted in the channel).
 */
final class SlackThread {
    private final SlackWebApi api;
    private final String channel;
    private final String quote;
    // A lock, not synchronized: the post blocks, and a virtual thread blocked inside synchronized pins its
    // carrier thread on JDK 21.
    private final ReentrantLock lock = new ReentrantLock();
    private String ts;

    private SlackThread(SlackWebApi api, String channel, String quote, String ts) {
        this.api = api;
        this.channel = channel;
        this.quote = quote;
        this.ts = ts;
    }

    /** A thread that already exists: its ts. */
    static SlackThread existing(String threadTs) {
        return new SlackThread(null, "", "", Objects.requireNonNull(threadTs, "threadTs"));
    }

    /** A thread that begins with {@code quote}, posted in {@code channel} when it is opened. */
    static SlackThread startedBy(SlackWebApi api, String channel, String quote) {
        return new SlackThread(Objects.requireNonNull(api, "api"), Objects.requireNonNull(channel, "channel"),
                Objects.requireNonNull(quote, "quote"), null);
    }

    /** Posts the message that begins the thread, unless it exists; a refused post throws {@link SlackCallFailed}. */
    void open() {
        ts();
    }

    /** The thread's ts, opening it first when it begins with a message not yet posted. */
    String ts() {
        lock.lock();
        try {
            if (ts == null) ts = api.postMessage(channel, "", quote);
            return ts;
        } finally {
            lock.unlock();
        }
    }
}
