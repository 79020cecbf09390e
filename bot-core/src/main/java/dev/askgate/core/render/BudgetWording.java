package dev.askgate.core.render;

import dev.askgate.core.Refusal;
import dev.askgate.core.usage.BudgetLimit;
import dev.askgate.core.usage.BudgetMetric;
import dev.askgate.core.usage.BudgetPeriod;
import dev.askgate.core.usage.BudgetScope;
import dev.askgate.core.usage.Usd;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A budget refusal in words: whose limit, how much, for which UTC period, and when it resets, such as
 * "You have used your $1.00 for today; it resets at 00:00 UTC."
 */
final class BudgetWording {
    static final String SPENDING_UNKNOWN = "Spending can't be checked right now; try again in a minute.";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private BudgetWording() {
    }

    static String overBudget(Refusal.OverBudget over) {
        BudgetLimit limit = over.limit();
        if (limit.metric() == BudgetMetric.CONCURRENT) {
            return subject(limit, "already have", "already has") + " " + limit.limit() + " question"
                    + (limit.limit() == 1 ? "" : "s") + " being answered; ask again when one of them is done.";
        }
        return subject(limit, "have used", "has used") + " " + owner(limit) + " " + amount(limit) + " "
                + period(limit.metric().period()) + "; it resets " + reset(limit.metric().period(), over.resetsAt())
                + ".";
    }

    /** "You have used", "This channel has used", ... */
    private static String subject(BudgetLimit limit, String you, String it) {
        return switch (limit.scope()) {
            case USER -> "You " + you;
            case CHANNEL -> "This channel " + it;
            case WORKSPACE -> "This workspace " + it;
            case GLOBAL -> "The bot " + it;
        };
    }

    private static String owner(BudgetLimit limit) {
        return limit.scope() == BudgetScope.USER ? "your" : "its";
    }

    private static String amount(BudgetLimit limit) {
        return switch (limit.metric()) {
            case USD_PER_DAY, USD_PER_MONTH -> dollars(Usd.fromNanos(limit.limit()));
            case TOKENS_PER_DAY -> String.format("%,d tokens", limit.limit());
            case REQUESTS_PER_MINUTE -> limit.limit() + " question" + (limit.limit() == 1 ? "" : "s");
            case CONCURRENT -> String.valueOf(limit.limit());
        };
    }

    /** Cents, or more digits when a limit is finer than a cent. */
    static String dollars(BigDecimal usd) {
        BigDecimal shown = usd.stripTrailingZeros();
        if (shown.scale() < 2) shown = shown.setScale(2, RoundingMode.UNNECESSARY);
        return "$" + shown.toPlainString();
    }

    private static String period(BudgetPeriod period) {
        return switch (period) {
            case MINUTE -> "for this minute";
            case DAY -> "for today";
            case MONTH -> "for this month";
            case NONE -> "for now";
        };
    }

    private static String reset(BudgetPeriod period, Instant at) {
        return switch (period) {
            case MONTH -> "on " + DATE.format(at) + " at " + TIME.format(at) + " UTC";
            case MINUTE, DAY, NONE -> "at " + TIME.format(at) + " UTC";
        };
    }
}
