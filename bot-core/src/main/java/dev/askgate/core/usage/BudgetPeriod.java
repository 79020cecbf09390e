package dev.askgate.core.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The window a budget counts over; days and months are UTC, as documented for operators. */
public enum BudgetPeriod {
    MINUTE, DAY, MONTH,
    /** No window: a count of what is in flight now (concurrent calls). */
    NONE;

    /** The start of the window holding {@code at}. */
    public Instant start(Instant at) {
        return switch (this) {
            case MINUTE -> at.truncatedTo(ChronoUnit.MINUTES);
            case DAY -> at.truncatedTo(ChronoUnit.DAYS);
            case MONTH -> LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            case NONE -> Instant.EPOCH;
        };
    }

    /** When the window holding {@code at} ends and the budget is whole again; {@code at} itself for {@link #NONE}. */
    public Instant end(Instant at) {
        return switch (this) {
            case MINUTE -> start(at).plus(1, ChronoUnit.MINUTES);
            case DAY -> start(at).plus(1, ChronoUnit.DAYS);
            case MONTH -> LocalDate.ofInstant(at, ZoneOffset.UTC).withDayOfMonth(1).plusMonths(1)
                    .atStartOfDay(ZoneOffset.UTC).toInstant();
            case NONE -> at;
        };
    }
}
