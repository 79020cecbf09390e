package dev.askgate.core;

import dev.askgate.core.key.KeyForms;

import java.util.function.Predicate;

/**
 * Stands between the model's stream and the reply sink so that the server's key never reaches a chat.
 *
 * <p>A word still being written (the text after the last whitespace) is held back while it may be the beginning
 * of the key ({@code couldBeginKey}, {@link KeyForms#couldBegin}), so that a key written plainly (it has no
 * whitespace) is checked whole before more than {@code KeyForms.WORD_END - 1} of its characters are shown; any
 * other word is forwarded at once, so that the first word of an answer does not wait for the next one. A key can
 * also come spaced out, split by line breaks or with invisible characters between its characters; the leak check
 * ({@link KeyForms}) looks for runs of the key in the text without those, and each check therefore covers the last
 * {@code KeyForms.LONGEST_RUN - 1} significant characters already forwarded as well as the new text: a run that
 * straddles two deltas is always inside one check, and forwarded text never holds a whole run. The held-back tail
 * is checked and forwarded by {@link #flush()} when the stream ends. Once a check finds the key, nothing more is
 * forwarded. Used from the one thread that reads the model's stream.
 */
final class LeakFilter {
    private static final int LOOK_BEHIND = KeyForms.LONGEST_RUN - 1;

    private final ReplySink sink;
    private final Predicate<String> leaksKey;
    private final Predicate<String> couldBeginKey;
    private final StringBuilder held = new StringBuilder();
    private final StringBuilder forwarded = new StringBuilder();
    /** The end of the forwarded text, holding at least {@link #LOOK_BEHIND} significant characters if there are. */
    private final StringBuilder lookBehind = new StringBuilder();
    private boolean leaked;

    /** Holding back every word until it is complete: for a key that cannot tell which words may begin it. */
    LeakFilter(ReplySink sink, Predicate<String> leaksKey) {
        this(sink, leaksKey, word -> true);
    }

    /** @param couldBeginKey whether a word still being written may be the beginning of the key */
    LeakFilter(ReplySink sink, Predicate<String> leaksKey, Predicate<String> couldBeginKey) {
        this.sink = sink;
        this.leaksKey = leaksKey;
        this.couldBeginKey = couldBeginKey;
    }

    void accept(String delta) {
        if (leaked || delta == null || delta.isEmpty()) return;
        held.append(delta);
        if (leaks()) return;
        int end = couldBeginKey.test(wordInProgress()) ? lastWhitespace(held) + 1 : held.length();
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

    /**
     * The text after the last whitespace of everything received: what is held, with the end of the forwarded text
     * when what is held continues a word already shown in part (the look-behind holds more than a word's end).
     */
    private String wordInProgress() {
        int cut = lastWhitespace(held);
        if (cut >= 0) return held.substring(cut + 1);
        return lookBehind.substring(lastWhitespace(lookBehind) + 1) + held;
    }

    private static int lastWhitespace(CharSequence text) {
        for (int i = text.length() - 1; i >= 0; i--) {
            if (Character.isWhitespace(text.charAt(i))) return i;
        }
        return -1;
    }
}
