package dev.askgate.server;

import dev.askgate.core.usage.ReportGrouping;
import dev.askgate.core.usage.ReportLine;
import dev.askgate.core.usage.UsageStore;
import dev.askgate.core.usage.UsageStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code askgate usage [--since 7d] [--by user|channel|workspace|model|key] [--format table|csv|json]} prints a
 * report from the usage store (the table ends with each model's 👍 / 👎 on answers when there are votes);
 * {@code askgate usage reset --user slack:U0123ABCD} clears that user's spend for
 * the current UTC day and month.
 */
final class UsageCommand {
    static final String HELP = """
            usage: askgate usage [--since 7d|24h|2026-11-01] [--by user|channel|workspace|model|key] [--format table|csv|json]
                   askgate usage reset --user PLATFORM:USER   (as the report names users, slack:U0123ABCD)
            """;
    private static final Logger log = LoggerFactory.getLogger(UsageCommand.class);

    private final StoreConfig store;
    private final Function<StoreConfig, UsageStore> opener;
    private final Clock clock;
    private final PrintStream out;
    private final PrintStream err;

    UsageCommand(StoreConfig store, Function<StoreConfig, UsageStore> opener, Clock clock, PrintStream out,
                 PrintStream err) {
        this.store = store;
        this.opener = opener;
        this.clock = clock;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code args} (those after {@code usage}); returns the exit status. */
    int run(List<String> args) {
        boolean reset = !args.isEmpty() && args.getFirst().equals("reset");
        UsageQuery query = null;
        UserToReset user = null;
        try {
            if (reset) {
                user = UserToReset.parse(args.subList(1, args.size()));
            } else {
                query = UsageQuery.parse(args, clock);
            }
        } catch (IllegalArgumentException e) {
            err.println("askgate usage: " + e.getMessage());
            err.print(HELP);
            return 2;
        }
        try (UsageStore opened = opener.apply(store)) {
            return reset ? reset(opened, user) : report(opened, query);
        } catch (UsageStoreException e) {
            err.println("askgate usage: " + e.getMessage());
            return 1;
        }
    }

    private int report(UsageStore store, UsageQuery query) {
        List<ReportLine> lines = store.report(query.by(), query.since());
        Optional<Instant> oldest = store.oldestRow();
        boolean cut = oldest.isPresent() && oldest.get().isAfter(query.since());
        out.print(new UsageReportText().render(query, lines, oldest, cut));
        if (cut) {
            // On stderr for csv and json, so that their output stays a clean document.
            PrintStream note = query.format() == UsageFormat.TABLE ? out : err;
            note.println("note: the ledger starts at " + oldest.get() + ", after " + query.since()
                    + ": this report is cut (older rows were pruned after ASKGATE_LEDGER_RETENTION_DAYS, or never"
                    + " recorded)");
        }
        // Votes only in the table: csv and json stay one document of the ledger's lines.
        if (query.format() == UsageFormat.TABLE) {
            out.print(UsageReportText.feedbackTable(query.since(), store.feedbackReport(query.since())));
        }
        return 0;
    }

    private int reset(UsageStore store, UserToReset user) {
        Optional<String> subject = user.subject(store.report(ReportGrouping.USER, user.monthStart(clock)));
        if (subject.isEmpty()) {
            out.println("nothing to reset: " + user + " has no spend recorded this month");
            return 0;
        }
        store.resetUser(subject.get());
        // WARN, not INFO: an override of budgets belongs in the log even at the command's default level.
        log.warn("usage reset: the spend of user {} for the current UTC day and month was cleared by the operator",
                subject.get());
        out.println("reset " + subject.get() + ": its spend for today and this month (UTC) is cleared");
        return 0;
    }
}
