package dev.askgate.core;

/** Where a question comes from. */
public enum Platform {
    DISCORD, SLACK, TERMINAL
}
