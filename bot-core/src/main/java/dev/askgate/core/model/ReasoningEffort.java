package dev.askgate.core.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How long a reasoning model thinks before it answers ({@code reasoning_effort}). More effort means slower first
 * words and more reasoning tokens, billed as output. {@link #ENDPOINT_DEFAULT} sends no field at all, so that
 * compatible servers that do not know it keep working and OpenAI uses its own default ({@code medium}).
 */
public enum ReasoningEffort {
    ENDPOINT_DEFAULT(""), NONE("none"), MINIMAL("minimal"), LOW("low"), MEDIUM("medium"), HIGH("high"),
    XHIGH("xhigh"), MAX("max");

    private final String wireName;

    ReasoningEffort(String wireName) {
        this.wireName = wireName;
    }

    /** The value of {@code reasoning_effort}; "" for {@link #ENDPOINT_DEFAULT}, which is not sent. */
    public String wireName() {
        return wireName;
    }

    public boolean isSent() {
        return this != ENDPOINT_DEFAULT;
    }

    /** The effort a setting names ({@code low}, {@code HIGH}, ...); empty for anything else. */
    public static Optional<ReasoningEffort> parse(String value) {
        String name = value.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(e -> e.isSent() && e.wireName.equals(name)).findFirst();
    }

    /** {@code none|minimal|low|medium|high|xhigh|max}, for problem lines. */
    public static String choices() {
        return Arrays.stream(values()).filter(ReasoningEffort::isSent).map(ReasoningEffort::wireName)
                .collect(Collectors.joining("|"));
    }
}
