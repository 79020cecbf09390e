package dev.askgate.core;

import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id that ties together everything done for one request: the HTTP exchange ({@code X-Request-Id} when the
 * client sent a sane one), the question's log lines and the OpenAI call ({@code X-Client-Request-Id}, which
 * OpenAI logs with its own {@code x-request-id}). Safe in a header and a log line by construction.
 */
public record RequestId(String value) {
    /** What a client may send: short, and nothing that could split a header or forge a log line. */
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public RequestId {
        Objects.requireNonNull(value, "value");
        if (!SAFE.matcher(value).matches()) throw new IllegalArgumentException("not a safe request id");
    }

    /** A new random id, 12 hex digits (short in log lines, unique enough for one deployment's logs). */
    public static RequestId generate() {
        // 48 random bits, as many as the UUID's first 12 digits gave. An id is not a secret, so not SecureRandom:
        // its shared lock and /dev/urandom read were a tenth of a Slack acknowledgement's CPU (benchmark profile).
        long bits = ThreadLocalRandom.current().nextLong() & 0xFFFF_FFFF_FFFFL;
        return new RequestId(HexFormat.of().toHexDigits(bits).substring(4));
    }

    /** {@code given} when it is a sane id, else empty. */
    public static Optional<RequestId> parse(String given) {
        return given != null && SAFE.matcher(given).matches() ? Optional.of(new RequestId(given)) : Optional.empty();
    }

    /** {@code given} when it is a sane id (a client's {@code X-Request-Id}), else a new one. */
    public static RequestId fromHeaderOrNew(String given) {
        return parse(given).orElseGet(RequestId::generate);
    }

    @Override
    public String toString() {
        return value;
    }
}
