package dev.askgate.core.usage;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which key paid, as OpenAI itself shows it: {@code sk-…abcd}, the prefix and the last four characters and
 * nothing more, so that a ledger row can name a key without holding it.
 */
public record RedactedKey(String value) {
    private static final Pattern FORM = Pattern.compile("sk-…[A-Za-z0-9_-]{0,4}");
    public static final RedactedKey NONE = new RedactedKey("sk-…");

    public RedactedKey {
        Objects.requireNonNull(value, "value");
        if (!FORM.matcher(value).matches()) {
            // Never quote the value: it may be a whole key passed here by mistake.
            throw new IllegalArgumentException("a redacted key looks like sk-…abcd");
        }
    }

    /** The redacted form of {@code key}; a key of eight characters or fewer shows no tail at all. */
    public static RedactedKey of(String key) {
        Objects.requireNonNull(key, "key");
        String trimmed = key.strip();
        if (trimmed.length() <= 8) return NONE;
        String tail = trimmed.substring(trimmed.length() - 4);
        return tail.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == '-')
                ? new RedactedKey("sk-…" + tail) : NONE;
    }

    @Override
    public String toString() {
        return value;
    }
}
