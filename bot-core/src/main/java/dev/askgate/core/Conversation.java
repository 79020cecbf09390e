package dev.askgate.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Earlier turns of a conversation, oldest first; the new question is not part of it. */
public record Conversation(List<Turn> turns) {
    public Conversation {
        turns = List.copyOf(Objects.requireNonNull(turns, "turns"));
    }

    public static Conversation empty() {
        return new Conversation(List.of());
    }

    public Conversation with(Turn turn) {
        List<Turn> next = new ArrayList<>(turns);
        next.add(turn);
        return new Conversation(next);
    }

    public boolean isEmpty() {
        return turns.isEmpty();
    }
}
