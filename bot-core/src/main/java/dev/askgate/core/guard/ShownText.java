package dev.askgate.core.guard;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Makes text that came from an upstream server fit to show in a log line, an error text, {@code /readyz} or a
 * reply. A server (or a proxy before it) may echo anything it received, the key included, in a header such as
 * {@code x-request-id} or in an error message. Header values are cut to {@value #MAX_HEADER} characters of a
 * plain set ({@code A-Z a-z 0-9 . _ : / + = -}); messages to {@value #MAX_MESSAGE} characters without control
 * characters. Either is withheld whole when it contains the configured key (in any form the key check knows) or
 * anything else the {@link SecretGuard} recognises.
 */
public final class ShownText {
    public static final int MAX_HEADER = 64;
    public static final int MAX_MESSAGE = 300;
    public static final String WITHHELD_HEADER = "[withheld]";
    public static final String WITHHELD_MESSAGE = "[text withheld: it contained the API key or another secret]";

    private final Predicate<String> leaksKey;
    private final SecretGuard guard;

    /** @param leaksKey whether a text contains the server's key (its {@code KeySource}) */
    public ShownText(Predicate<String> leaksKey, SecretGuard guard) {
        this.leaksKey = Objects.requireNonNull(leaksKey, "leaksKey");
        this.guard = Objects.requireNonNull(guard, "guard");
    }

    /** A header value as it may be shown: "" for none, {@link #WITHHELD_HEADER} for one that holds a secret. */
    public String header(String raw) {
        if (raw == null || raw.isEmpty()) return "";
        if (secret(raw)) return WITHHELD_HEADER;
        StringBuilder plain = new StringBuilder(Math.min(raw.length(), MAX_HEADER + 1));
        for (int i = 0; i < raw.length() && plain.length() <= MAX_HEADER; i++) {
            char c = raw.charAt(i);
            if (plainHeaderChar(c)) plain.append(c);
        }
        // Dropping characters can join a spaced-out secret; look again at what would be shown.
        String shown = plain.length() > MAX_HEADER ? plain.substring(0, MAX_HEADER) + "..." : plain.toString();
        return secret(shown) ? WITHHELD_HEADER : shown;
    }

    /** An error message as it may be shown: control characters become spaces, long ones are cut. */
    public String message(String raw) {
        if (raw == null || raw.isEmpty()) return "";
        if (secret(raw)) return WITHHELD_MESSAGE;
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_MESSAGE));
        raw.codePoints().limit(MAX_MESSAGE).forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return raw.codePointCount(0, raw.length()) > MAX_MESSAGE ? out + "..." : out.toString();
    }

    private boolean secret(String text) {
        return leaksKey.test(text) || guard.findSecret(text).isPresent();
    }

    private static boolean plainHeaderChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '.' || c == '_' || c == ':' || c == '/' || c == '+' || c == '=' || c == '-';
    }
}
