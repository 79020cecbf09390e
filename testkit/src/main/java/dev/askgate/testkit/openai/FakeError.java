package dev.askgate.testkit.openai;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted error response with OpenAI's body {@code {"error":{"message","type","param","code"}}} and headers.
 * In {@code message}, {@code {model}} becomes the requested model and {@code {key}} the caller's key masked the
 * way OpenAI masks it ({@code sk-proj-****abcd}). A {@code code} of digits is written as a JSON number, as
 * OpenAI's edge does for 502/504. Immutable; each method returns a changed copy.
 */
public record FakeError(int status, String type, String code, String message, String param,
                        Map<String, String> headers) implements FakeReply {

    public FakeError {
        if (status < 400 || status > 599) throw new IllegalArgumentException("status must be 4xx or 5xx");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
        headers = Map.copyOf(headers);
    }

    FakeError(int status, String type, String code, String message) {
        this(status, type, code, message, null, Map.of());
    }

    /** {@code Retry-After: seconds}. */
    public FakeError retryAfterSeconds(long seconds) {
        return header("retry-after", Long.toString(seconds));
    }

    /** {@code Retry-After} as an HTTP date. */
    public FakeError retryAfterDate(Instant when) {
        return header("retry-after", DateTimeFormatter.RFC_1123_DATE_TIME.format(when.atOffset(ZoneOffset.UTC)));
    }

    /** {@code retry-after-ms}, which OpenAI's SDKs prefer over {@code Retry-After}. */
    public FakeError retryAfter(Duration delay) {
        return header("retry-after-ms", Long.toString(delay.toMillis()));
    }

    /** {@code x-should-retry: true|false}: the server's own word on whether to retry. */
    public FakeError shouldRetry(boolean retry) {
        return header("x-should-retry", Boolean.toString(retry));
    }

    public FakeError withMessage(String text) {
        return new FakeError(status, type, code, text, param, headers);
    }

    public FakeError header(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(headers);
        next.put(name, value);
        return new FakeError(status, type, code, message, param, next);
    }

    /** Whether {@code code} is written as a JSON number. */
    public boolean hasNumericCode() {
        return code != null && code.chars().allMatch(Character::isDigit) && !code.isEmpty();
    }
}
