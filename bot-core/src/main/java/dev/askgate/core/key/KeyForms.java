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

    /** Every window's hash, by window length: every text of every answer is checked, so no boxing per window. */
    private final List<Windows> windows;
    /** Hashes of every {@link #WORD_END} characters of every form. */
    private final LongSet wordEnds;
    /** A form shorter than {@link #WORD_END}: any word may begin it. */
    private final boolean shortForm;

    /** The hashes of every window of one length, and the weight of the character that leaves such a window. */
    private record Windows(int length, long power, LongSet hashes) { }

    /** One shape of the key, and how long a run of it counts as the key. */
    private record Form(String text, int run) { }

    private KeyForms(String key) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        String hex = HexFormat.of().formatHex(bytes);
        List<Form> forms = new ArrayList<>();
        forms.add(new Form(key, KEY_RUN));
        forms.add(new Form(new StringBuilder(key).reverse().toString(), KEY_RUN));
        forms.add(new Form(hex, HEX_RUN));
        forms.add(new Form(hex.toUpperCase(java.util.Locale.ROOT), HEX_RUN));
        for (String base64 : base64Forms(bytes)) {
            forms.add(new Form(base64, BASE64_RUN));
            forms.add(new Form(base64.replace('+', '-').replace('/', '_'), BASE64_RUN));
        }
        Map<Integer, Set<Long>> byLength = new HashMap<>();
        Set<Long> ends = new HashSet<>();
        for (Form form : forms) {
            addWindows(form.text(), WORD_END, ends);
            int length = Math.min(form.run(), form.text().length());
            if (length > 0) addWindows(form.text(), length, byLength.computeIfAbsent(length, n -> new HashSet<>()));
        }
        windows = byLength.entrySet().stream()
                .map(e -> new Windows(e.getKey(), power(e.getKey()), LongSet.of(e.getValue()))).toList();
        wordEnds = LongSet.of(ends);
        shortForm = forms.stream().anyMatch(form -> form.text().length() < WORD_END);
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
        for (Windows of : windows) {
            if (anyWindowIn(plain, of)) return true;
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
        if (codePoint > ' ' && codePoint < 0x7f) return false; // printable ASCII, most of any text: no lookup
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) return true;
        int type = Character.getType(codePoint);
        return type == Character.FORMAT || type == Character.CONTROL;
    }

    /** {@code text} without its {@linkplain #ignorable ignorable} characters. */
    public static String significant(CharSequence text) {
        StringBuilder out = null; // made at the first ignorable character: a text without one is returned as it is
        for (int i = 0; i < text.length(); ) {
            int codePoint = Character.codePointAt(text, i);
            if (ignorable(codePoint)) {
                if (out == null) out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (out != null) {
                out.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return out == null ? text.toString() : out.toString();
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

    private static boolean anyWindowIn(String text, Windows of) {
        int length = of.length();
        if (text.length() < length) return false;
        long hash = 0;
        for (int i = 0; i < text.length(); i++) {
            hash = hash * BASE + text.charAt(i);
            if (i >= length) hash -= text.charAt(i - length) * of.power();
            if (i >= length - 1 && of.hashes().contains(hash)) return true;
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
