package dev.askgate.server;

import dev.askgate.core.usage.ReportGrouping;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code askgate usage [--since 7d] [--by user] [--format table]} asks for. {@code --since} is a number of
 * days ({@code 7d}) or hours ({@code 24h}) back from now, or a UTC date ({@code 2026-11-01}).
 */
record UsageQuery(Instant since, ReportGrouping by, UsageFormat format) {
    private static final Pattern AGO = Pattern.compile("(\\d{1,5})([dh])");

    UsageQuery {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(format, "format");
    }

    /** The query from the arguments after {@code usage}; an {@link IllegalArgumentException} says what is wrong. */
    static UsageQuery parse(List<String> args, Clock clock) {
        String since = "7d";
        String by = "user";
        String format = "table";
        for (int i = 0; i < args.size(); i += 2) {
            String option = args.get(i);
            if (i + 1 >= args.size()) throw new IllegalArgumentException(option + " needs a value");
            String value = args.get(i + 1);
            switch (option) {
                case "--since" -> since = value;
                case "--by" -> by = value;
                case "--format" -> format = value;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new UsageQuery(since(since, clock), grouping(by), UsageFormat.parse(format));
    }

    private static Instant since(String value, Clock clock) {
        Matcher ago = AGO.matcher(value);
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            return clock.instant().minus(ago.group(2).equals("d") ? Duration.ofDays(n) : Duration.ofHours(n));
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since takes days (7d), hours (24h) or a date (2026-11-01)");
        }
    }

    private static ReportGrouping grouping(String value) {
        try {
            return ReportGrouping.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--by takes user, channel, workspace, model or key");
        }
    }
}
