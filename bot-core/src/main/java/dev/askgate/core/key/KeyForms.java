package dev.askgate.core.key;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The shapes in which a model can echo a key, computed once per key so that checking a text is one pass over it.
 * A text holds the key when, with whitespace and invisible characters removed ({@link #significant}), it contains
 * a run of {@value #KEY_RUN} characters of the key or of the key reversed, {@value #HEX_RUN} of its hex (either
 * case) or {@value #BASE64_RUN} of its base64 (at any of the three byte alignments, standard or URL alphabet).
 * Each run stands for about 16 characters of the key; a form shorter than its run counts whole.
 *
 * <p>Runs are found by a rolling hash of each window of the text against the hashes of every window of every
 * form: no allocation per window. A 64-bit collision would withhold one harmless answer, never pass a leak.
 *
 * <p>For a word still being written, {@link #couldBegin} says whether its end occurs in a form, so that a stream
 * can hold back the words that may grow into the key and show every other word at once.
 */
public final class KeyForms {
    public static final int KEY_RUN = 16;
    public static final int HEX_RUN = 32;
    public static final int BASE64_RUN = 21;
    /**
     * The longest run checked. A check that also covers the last {@code LONGEST_RUN - 1} significant characters
     * already checked misses no run that straddles two checks.
     */
    public static final int LONGEST_RUN = HEX_RUN;
    /**
     * How many significant characters at the end of a word {@link #couldBegin} compares with the forms: a stream
     * that shows a word only while they occur in no form shows at most {@code WORD_END - 1} characters of a key
     * being written plainly before the word is held back.
     */
    public static final int WORD_END = 4;

    private static final long BASE = 1_000_003L;

    /** Window hashes by window length. */
    private final Map<Integer, Set<Long>> windows = new HashMap<>();
    /** Hashes of every {@link #WORD_END} characters of every form. */
    private final Set<Long> wordEnds = new HashSet<>();
    /** A form shorter than {@link #WORD_END}: any word may begin it. */
    private boolean shortForm;

    private KeyForms(String key) {
        String reversed = new StringBuilder(key).reverse().toString();
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        String hex = HexFormat.of().formatHex(bytes);
        add(key, KEY_RUN);
        add(reversed, KEY_RUN);
        add(hex, HEX_RUN);
        add(hex.toUpperCase(java.util.Locale.ROOT), HEX_RUN);
        for (String base64 : base64Forms(bytes)) {
            add(base64, BASE64_RUN);
            add(base64.replace('+', '-').replace('/', '_'), BASE64_RUN);
        }
    }

    /** The forms of {@code key}. */
    public static KeyForms of(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) throw new IllegalArgumentException("key is empty");
        return new KeyForms(key);
    }

    /** Whether {@code text} holds the key in one of its forms. */
    public boolean foundIn(CharSequence text) {
        if (text == null || text.isEmpty()) return false;
        String plain = significant(text);
        for (Map.Entry<Integer, Set<Long>> entry : windows.entrySet()) {
            if (anyWindowIn(plain, entry.getKey(), entry.getValue())) return true;
        }
        return false;
    }

    /**
     * Whether {@code word}, a word still being written (no whitespace in it), may be the beginning of the key in
     * one of its forms: its last {@link #WORD_END} significant characters occur in a form. A word with fewer
     * significant characters never counts, since showing it shows fewer than {@code WORD_END} characters of any
     * key; a collision of hashes only holds a harmless word back.
     */
    public boolean couldBegin(CharSequence word) {
        if (shortForm) return true;
        String plain = significant(word);
        if (plain.length() < WORD_END) return false;
        long hash = 0;
        for (int i = plain.length() - WORD_END; i < plain.length(); i++) hash = hash * BASE + plain.charAt(i);
        return wordEnds.contains(hash);
    }

    /**
     * Characters a reader does not see or that a model may put between the characters of a key: whitespace,
     * zero-width and other format characters (Unicode category Cf, such as U+200B or U+FEFF), and control
     * characters.
     */
    public static boolean ignorable(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) return true;
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.CONTROL;
    }

    /** {@code text} without its {@linkplain #ignorable ignorable} characters. */
    public static String significant(CharSequence text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(c -> !ignorable(c)).forEach(out::appendCodePoint);
        return out.toString();
    }

    private void add(String form, int run) {
        if (form.length() < WORD_END) shortForm = true;
        addWindows(form, WORD_END, wordEnds);
        int length = Math.min(run, form.length());
        if (length == 0) return;
        addWindows(form, length, windows.computeIfAbsent(length, n -> new HashSet<>()));
    }

    private static void addWindows(String form, int length, Set<Long> hashes) {
        long power = power(length);
        long hash = 0;
        for (int i = 0; i < form.length(); i++) {
            hash = hash * BASE + form.charAt(i);
            if (i >= length) hash -= form.charAt(i - length) * power;
            if (i >= length - 1) hashes.add(hash);
        }
    }

    private static boolean anyWindowIn(String text, int length, Set<Long> hashes) {
        if (text.length() < length) return false;
        long power = power(length);
        long hash = 0;
        for (int i = 0; i < text.length(); i++) {
            hash = hash * BASE + text.charAt(i);
            if (i >= length) hash -= text.charAt(i - length) * power;
            if (i >= length - 1 && hashes.contains(hash)) return true;
        }
        return false;
    }

    /** {@code BASE^length}: the weight of the character leaving a window of {@code length}. */
    private static long power(int length) {
        long power = 1;
        for (int i = 0; i < length; i++) power *= BASE;
        return power;
    }

    /**
     * The key's base64 as it appears inside a longer encoded text that puts it at byte offset 0, 1 or 2 of a
     * three-byte group: only the characters made of the key's bits alone, since the ones at the edges mix in
     * the neighbouring bytes.
     */
    private static List<String> base64Forms(byte[] key) {
        List<String> forms = new ArrayList<>(3);
        for (int offset = 0; offset < 3; offset++) {
            byte[] shifted = new byte[offset + key.length];
            System.arraycopy(key, 0, shifted, offset, key.length);
            String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
            int first = (8 * offset + 5) / 6; // the first character whose six bits all come from the key
            int end = 8 * shifted.length / 6; // characters after this one take bits of the next byte
            if (end > first) forms.add(encoded.substring(first, end));
        }
        return forms;
    }
}
