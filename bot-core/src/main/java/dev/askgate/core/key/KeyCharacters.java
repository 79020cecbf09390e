package dev.askgate.core.key;

import java.util.Optional;

/**
 * Checks that an API key can travel in an HTTP header: visible ASCII only, no whitespace inside. A pasted
 * typographic character ({@code …}, a curly quote) or a line break in the middle would otherwise make every
 * request fail inside the HTTP client. The words never quote the key.
 */
public final class KeyCharacters {
    private KeyCharacters() {
    }

    /**
     * What is wrong with {@code key} (surrounding whitespace already removed), worded to follow "the key ...",
     * or empty when it is fine.
     */
    public static Optional<String> problem(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c > 0x20 && c < 0x7f) continue;
            String what = c == '\n' || c == '\r' ? "a line break"
                    : c == ' ' || c == '\t' ? "a space or tab"
                    : c < 0x20 || c == 0x7f ? "a control character"
                    : "a character that is not plain ASCII (often a typographic character from copy and paste)";
            return Optional.of("contains " + what + " at position " + (i + 1) + " of " + key.length());
        }
        return Optional.empty();
    }
}
