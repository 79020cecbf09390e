package dev.askgate.server;

import java.util.UUID;

/** Short random ids that tie together the log lines of one request. */
final class RequestIds {
    private RequestIds() {
    }

    static String next() {
        return UUID.randomUUID().toString().substring(0, 13).replace("-", "");
    }
}
