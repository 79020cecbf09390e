package dev.askgate.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which key answers a caller: the one {@code keys:} gives the caller's Slack team or Discord guild, the main key for
 * every other place (direct messages, the terminal, workspaces without their own).
 */
public final class WorkspaceKeys {
    private final KeyedModel main;
    private final Map<String, KeyedModel> byPlace;
    /** The main key first, then the workspaces' by name: made once, since every answer's text is checked against it. */
    private final List<KeyedModel> all;

    /** @param byPlace keyed by place, {@code slack:T0123ABCD} or {@code discord:1234…} (see {@link #placeOf}) */
    public WorkspaceKeys(KeyedModel main, Map<String, KeyedModel> byPlace) {
        this.main = Objects.requireNonNull(main, "main");
        this.byPlace = Map.copyOf(byPlace);
        List<KeyedModel> keys = new ArrayList<>(List.of(main));
        this.byPlace.values().stream().sorted(Comparator.comparing(KeyedModel::name)).forEach(keys::add);
        this.all = List.copyOf(keys);
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
        return all;
    }

    /** Whether a text holds any of the keys (an answer that does is withheld, whichever key paid for it). */
    public boolean appearsIn(String text) {
        for (KeyedModel keyed : all) {
            if (keyed.key().appearsIn(text)) return true;
        }
        return false;
    }

    /**
     * Whether a word still being written may be the beginning of any of the keys
     * ({@link dev.askgate.core.key.KeySource#couldBegin}).
     */
    public boolean couldBegin(String word) {
        for (KeyedModel keyed : all) {
            if (keyed.key().couldBegin(word)) return true;
        }
        return false;
    }
}
