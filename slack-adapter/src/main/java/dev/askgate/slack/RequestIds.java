package dev.askgate.slack;

import java.util.concurrent.ThreadLocalRandom;

/** Short ids that tie together the log lines and upstream calls made for one question. */
final class RequestIds {
    private RequestIds() {
    }

    static String next() {
        return "sl-" + Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    }
}
