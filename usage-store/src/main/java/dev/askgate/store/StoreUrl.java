package dev.askgate.store;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** A JDBC URL as given, which database it names, and how it may be printed: with any password cut out. */
record StoreUrl(String value, Dialect dialect) {
    private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("(//[^/@:]*:)[^/@]*@");

    static Optional<StoreUrl> parse(String url) {
        for (Dialect dialect : Dialect.values()) {
            if (url.startsWith(dialect.scheme())) return Optional.of(new StoreUrl(url, dialect));
        }
        return Optional.empty();
    }

    /** {@code url} with a {@code password=} parameter or a {@code user:password@} part replaced by {@code ***}. */
    static String redact(String url) {
        String cut = QUERY_PASSWORD.matcher(url).replaceAll("$1***");
        return USER_INFO.matcher(cut).replaceAll("$1***@");
    }

    String printable() {
        return redact(value);
    }

    /** The SQLite database file ({@code jdbc:sqlite:./data/askgate.db}, or a {@code file:} form); empty for memory. */
    Optional<Path> sqliteFile() {
        String rest = value.substring(Dialect.SQLITE.scheme().length());
        int query = rest.indexOf('?');
        if (query >= 0) rest = rest.substring(0, query);
        if (rest.startsWith("file:")) rest = rest.substring("file:".length());
        if (rest.isEmpty() || rest.startsWith(":memory:")) return Optional.empty();
        return Optional.of(Path.of(rest));
    }
}
