package dev.askgate.server;

import java.util.Locale;

/** How {@code askgate usage} prints its report. */
enum UsageFormat {
    /** Aligned columns with a total, for a terminal. */
    TABLE,
    /** A header row, then one row per group; for spreadsheets. */
    CSV,
    /** One object with the period and the lines; for scripts. */
    JSON;

    static UsageFormat parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--format takes table, csv or json");
        }
    }
}
