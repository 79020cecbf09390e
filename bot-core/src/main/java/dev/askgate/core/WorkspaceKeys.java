package dev.askgate.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which key answers a caller: the one {@code keys:} gives the caller's Slack team or Discord guild, the main key for
 * every other place (direct messages, the terminal, workspaces without their own).
 */
public final class WorkspaceKeys {
    private final KeyedModel main;
    private final Map<String, KeyedModel> byPlace;

    /** @param byPlace keyed by place, {@code slack:T0123ABCD} or {@code discord:1234…} (see {@link #placeOf}) */
    public WorkspaceKeys(KeyedModel main, Map<String, KeyedModel> byPlace) {
        this.main = Objects.requireNonNull(main, "main");
        this.byPlace = Map.copyOf(byPlace);
    }

    /** The place of a caller as {@code keys:} names it: platform and workspace, {@code slack:T0123ABCD}. */
    public static String placeOf(Caller caller) {
        return caller.platform().name().toLowerCase() + ":" + caller.workspaceId();
    }

    public KeyedModel forCaller(Caller caller) {
        if (caller.workspaceId().isEmpty()) return main;
        return byPlace.getOrDefault(placeOf(caller), main);
    }

    public KeyedModel main() {
        return main;
    }

    /** The main key first, then the workspaces' keys. */
    public List<KeyedModel> all() {
        List<KeyedModel> all = new ArrayList<>(List.of(main));
        byPlace.values().stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(all::add);
        return all;
    }

    /** Whether a text holds any of the keys (an answer that does is withheld, whichever key paid for it). */
    public boolean appearsIn(String text) {
        Predicate<KeyedModel> holds = keyed -> keyed.key().appearsIn(text);
        return all().stream().anyMatch(holds);
    }

    /**
     * Whether a word still being written may be the beginning of any of the keys
     * ({@link dev.askgate.core.key.KeySource#couldBegin}).
     */
    public boolean couldBegin(String word) {
        return all().stream().anyMatch(keyed -> keyed.key().couldBegin(word));
    }
}
