package dev.askgate.core.usage;

/** How a usage report groups the ledger: {@code askgate usage --by user|channel|workspace|model|key}. */
public enum ReportGrouping {
    USER, CHANNEL, WORKSPACE, MODEL, KEY
}
