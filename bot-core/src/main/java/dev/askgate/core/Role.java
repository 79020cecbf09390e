package dev.askgate.core;

/** The speaker of a turn, as the Chat Completions API names them. */
public enum Role {
    SYSTEM, USER, ASSISTANT;

    public String wireName() {
        return name().toLowerCase();
    }
}
