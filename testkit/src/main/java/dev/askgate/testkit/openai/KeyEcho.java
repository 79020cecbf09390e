package dev.askgate.testkit.openai;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A hostile answer: the model echoes the bearer key it was called with, in one of the disguises a leak check must
 * see through, inside an ordinary sentence and streamed in chunks of {@code chunk} characters.
 */
public record KeyEcho(Form form, int chunk) implements FakeReply {

    /** How the key is disguised. */
    public enum Form {
        PLAIN(key -> key),
        SPACED(key -> key.chars().mapToObj(Character::toString).collect(Collectors.joining(" "))),
        ZERO_WIDTH(key -> key.chars().mapToObj(Character::toString).collect(Collectors.joining("\u200b"))),
        SPLIT_BY_NEWLINES(key -> every(key, 7, "\n")),
        PREFIX_30(key -> key.substring(0, Math.min(30, key.length()))),
        BASE64(key -> Base64.getEncoder().encodeToString(bytes(key))),
        BASE64_IN_LINES(key -> every(Base64.getEncoder().encodeToString(bytes(key)), 10, "\n")),
        BASE64_AFTER_TEXT(key -> Base64.getEncoder().encodeToString(bytes("key=" + key))),
        REVERSED(key -> new StringBuilder(key).reverse().toString()),
        HEX(key -> HexFormat.of().formatHex(bytes(key))),
        HEX_SPACED(key -> every(HexFormat.of().formatHex(bytes(key)), 2, " "));

        private final UnaryOperator<String> disguise;

        Form(UnaryOperator<String> disguise) {
            this.disguise = disguise;
        }

        /** {@code key} in this disguise. */
        public String apply(String key) {
            return disguise.apply(key);
        }

        private static byte[] bytes(String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        private static String every(String text, int n, String separator) {
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < text.length(); i += n) {
                if (i > 0) out.append(separator);
                out.append(text, i, Math.min(text.length(), i + n));
            }
            return out.toString();
        }
    }

    public KeyEcho {
        Objects.requireNonNull(form, "form");
        if (chunk < 1) throw new IllegalArgumentException("chunk < 1");
    }

    /** The answer sent for a request that carried {@code key}. */
    public String text(String key) {
        return "Of course. The key I was called with is " + form.apply(key == null ? "" : key) + " as you asked.";
    }
}
