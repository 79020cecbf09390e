package dev.askgate.core;

import dev.askgate.core.key.KeyForms;

import java.util.function.Predicate;

/**
 * Stands between the model's stream and the reply sink so that the server's key never reaches a chat.
 *
 * <p>Text is forwarded only up to the last whitespace it contains, so a key written plainly (it has no
 * whitespace) is never split across two checks. A key can also come spaced out, split by line breaks or with
 * invisible characters between its characters; the leak check ({@link KeyForms}) looks for runs of the key in
 * the text without those, and each check therefore covers the last {@code KeyForms.LONGEST_RUN - 1} significant
 * characters already forwarded as well as the new text: a run that straddles two deltas is always inside one
 * check, and forwarded text never holds a whole run. The held-back tail is checked and forwarded by
 * {@link #flush()} when the stream ends. Once a check finds the key, nothing more is forwarded. Used from the one
 * thread that reads the model's stream.
 */
final class LeakFilter {
    private static final int LOOK_BEHIND = KeyForms.LONGEST_RUN - 1;

    private final ReplySink sink;
    private final Predicate<String> leaksKey;
    private final StringBuilder held = new StringBuilder();
    private final StringBuilder forwarded = new StringBuilder();
    /** The end of the forwarded text, holding at least {@link #LOOK_BEHIND} significant characters if there are. */
    private final StringBuilder lookBehind = new StringBuilder();
    private boolean leaked;

    LeakFilter(ReplySink sink, Predicate<String> leaksKey) {
        this.sink = sink;
        this.leaksKey = leaksKey;
    }

    void accept(String delta) {
        if (leaked || delta == null || delta.isEmpty()) return;
        held.append(delta);
        if (leaks()) return;
        int end = lastWhitespace(held) + 1;
        if (end > 0) {
            forward(end);
        }
    }

    /** Checks and forwards the held-back tail; the stream has ended. */
    void flush() {
        if (!leaked && !held.isEmpty() && !leaks()) {
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

    /** Checks what is held together with the look-behind; a leak drops what is held and stops the filter. */
    private boolean leaks() {
        if (leaksKey.test(lookBehind + held.toString())) {
            leaked = true;
            held.setLength(0);
        }
        return leaked;
    }

    private void forward(int end) {
        String stretch = held.substring(0, end);
        held.delete(0, end);
        forwarded.append(stretch);
        lookBehind.append(stretch);
        lookBehind.delete(0, startOfLastSignificant(lookBehind, LOOK_BEHIND));
        sink.delta(stretch);
    }

    /** Where the last {@code count} significant characters of {@code text} begin (0 when it has fewer). */
    private static int startOfLastSignificant(CharSequence text, int count) {
        int seen = 0;
        for (int i = text.length() - 1; i >= 0; i--) {
            if (!KeyForms.ignorable(text.charAt(i)) && ++seen == count) return i;
        }
        return 0;
    }

    private static int lastWhitespace(CharSequence text) {
        for (int i = text.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) return i;
        }
        return -1;
    }
}
