package dev.askgate.core.usage;

import dev.askgate.core.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The asker's own use, for {@code /ask usage} (Slack) and {@code /usage} (Discord), in Markdown: today and this
 * month from the ledger, and what is left under each limit that applies to them with when it resets. Read from
 * the store only: never a model call. Days and months are UTC, as the budgets count them.
 */
public final class OwnUsage {
    /** What {@code /usage} says where the launcher keeps no usage store. */
    public static final String UNTRACKED = "Usage isn't recorded on this server.";
    static final String UNREADABLE = "Your usage can't be read right now; try again in a minute.";
    private static final Logger log = LoggerFactory.getLogger(OwnUsage.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private final UsageStore store;
    private final Budgets budgets;
    private final Predicate<Caller> exemptFromUserLimits;
    private final Clock clock;

    /** With no admins: every user limit applies to everyone. */
    public OwnUsage(UsageStore store, Budgets budgets, Clock clock) {
        this(store, budgets, caller -> false, clock);
    }

    /** @param exemptFromUserLimits the admins ({@code admins:}), to whom user limits do not apply */
    public OwnUsage(UsageStore store, Budgets budgets, Predicate<Caller> exemptFromUserLimits, Clock clock) {
        this.exemptFromUserLimits = Objects.requireNonNull(exemptFromUserLimits, "exemptFromUserLimits");
        this.store = Objects.requireNonNull(store, "store");
        this.budgets = Objects.requireNonNull(budgets, "budgets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What {@code caller} has used and has left, as Markdown for the platform's presenter. */
    public String describe(Caller caller) {
        Objects.requireNonNull(caller, "caller");
        Instant now = clock.instant();
        try {
            StringBuilder text = new StringBuilder("**Your usage** (days and months are UTC)\n");
            text.append("- Today: ").append(spent(caller, BudgetPeriod.DAY.start(now))).append('\n');
            text.append("- This month: ").append(spent(caller, BudgetPeriod.MONTH.start(now))).append('\n');
            boolean admin = exemptFromUserLimits.test(caller);
            List<BudgetLimit> applying = budgets.limits().stream()
                    .filter(limit -> limit.metric() != BudgetMetric.CONCURRENT)
                    .filter(limit -> !(admin && limit.scope() == BudgetScope.USER)).toList();
            if (applying.isEmpty()) {
                return text.append("\nNo spending limits apply to you.").toString();
            }
            text.append("\n**Limits**\n");
            for (BudgetLimit limit : applying) {
                long used = store.used(limit.scope(), limit.metric(), Budgets.subject(limit.scope(), caller));
                text.append("- ").append(whose(limit.scope())).append(' ').append(amount(limit.metric(), limit.limit()))
                        .append(' ').append(per(limit.metric())).append(": ")
                        .append(amount(limit.metric(), Math.max(0, limit.limit() - used))).append(" left, ")
                        .append(resets(limit.metric().period(), now)).append('\n');
            }
            return text.toString().stripTrailing();
        } catch (UsageStoreException e) {
            log.warn("platform={} channel={} own usage not read: the usage store failed: {}",
                    caller.platform(), caller.channelId(), e.getMessage());
            return UNREADABLE;
        }
    }

    /** The caller's requests, tokens and cost in the ledger since {@code since}. */
    private String spent(Caller caller, Instant since) {
        String key = caller.userKey();
        ReportLine mine = store.report(ReportGrouping.USER, since).stream().filter(line -> line.group().equals(key))
                .findFirst().orElse(new ReportLine(key, 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0));
        return mine.requests() + (mine.requests() == 1 ? " question, " : " questions, ")
                + String.format(Locale.ROOT, "%,d", mine.promptTokens() + mine.completionTokens()) + " tokens, "
                + dollars(mine.costUsd());
    }

    private static String whose(BudgetScope scope) {
        return switch (scope) {
            case USER -> "Your";
            case CHANNEL -> "This channel's";
            case WORKSPACE -> "This workspace's";
            case GLOBAL -> "Everyone's";
        };
    }

    private static String per(BudgetMetric metric) {
        return switch (metric) {
            case REQUESTS_PER_MINUTE -> "per minute";
            case CONCURRENT -> "at a time";
            case TOKENS_PER_DAY, USD_PER_DAY -> "per day";
            case USD_PER_MONTH -> "per month";
        };
    }

    private static String amount(BudgetMetric metric, long value) {
        return switch (metric) {
            case REQUESTS_PER_MINUTE, CONCURRENT -> value + (value == 1 ? " question" : " questions");
            case TOKENS_PER_DAY -> String.format(Locale.ROOT, "%,d tokens", value);
            case USD_PER_DAY, USD_PER_MONTH -> dollars(Usd.fromNanos(value));
        };
    }

    /** Cents for whole-cent amounts ($1.00), else to a hundredth of a cent ($0.0004), so small use is not $0.00. */
    private static String dollars(BigDecimal usd) {
        BigDecimal cents = usd.setScale(2, RoundingMode.HALF_UP);
        return "$" + (cents.compareTo(usd) == 0 ? cents : usd.setScale(4, RoundingMode.HALF_UP)).toPlainString();
    }

    private static String resets(BudgetPeriod period, Instant now) {
        Instant end = period.end(now);
        return switch (period) {
            case MINUTE -> "resets within a minute";
            case DAY -> "resets at 00:00 UTC";
            case MONTH -> "resets on " + DAY.format(end) + " at 00:00 UTC";
            case NONE -> "as calls end";
        };
    }
}
