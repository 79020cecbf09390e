package dev.askgate.core;

import java.util.function.Predicate;

/**
 * Stands between the model's stream and the reply sink so that the server's key never reaches a chat.
 *
 * <p>A key contains no whitespace, so text is forwarded only up to the last whitespace it contains: every
 * forwarded stretch then holds whole words, and a key can never be split across two checks. The held-back
 * tail is checked and forwarded by {@link #flush()} when the stream ends. Once a stretch leaks, nothing more
 * is forwarded. Used from the one thread that reads the model's stream.
 */
final class LeakFilter {
    private final ReplySink sink;
    private final Predicate<String> leaksKey;
    private final StringBuilder held = new StringBuilder();
    private final StringBuilder forwarded = new StringBuilder();
    private boolean leaked;

    LeakFilter(ReplySink sink, Predicate<String> leaksKey) {
        this.sink = sink;
        this.leaksKey = leaksKey;
    }

    void accept(String delta) {
        if (leaked || delta == null || delta.isEmpty()) return;
        held.append(delta);
        int end = lastWhitespace(held) + 1;
        if (end > 0) {
            forward(end);
        }
    }

    /** Checks and forwards the held-back tail; the stream has ended. */
    void flush() {
        if (!leaked && !held.isEmpty()) {
            forward(held.length());
        }
    }

    boolean leaked() {
        return leaked;
    }

    /** The text the sink received. */
    String forwarded() {
        return forwarded.toString();
    }

    private void forward(int end) {
        String stretch = held.substring(0, end);
        held.delete(0, end);
        if (leaksKey.test(stretch)) {
            leaked = true;
            held.setLength(0);
            return;
        }
        forwarded.append(stretch);
        sink.delta(stretch);
    }

    private static int lastWhitespace(CharSequence text) {
        for (int i = text.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) return i;
        }
        return -1;
    }
}
