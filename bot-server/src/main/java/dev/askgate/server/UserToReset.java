package dev.askgate.server;

import dev.askgate.core.usage.BudgetPeriod;
import dev.askgate.core.usage.ReportLine;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The person of {@code askgate usage reset --user}: {@code slack:U0123ABCD}, as the {@code --by user} report names
 * them. The form {@code slack:T0123:U0123ABCD} of earlier versions, whose reports named a user per workspace, still
 * names the same person: a person's user limits are one budget wherever they ask.
 */
record UserToReset(String platform, String user) {
    private static final Pattern PERSON = Pattern.compile("(slack|discord|terminal):(?:[^:\\s]*:)?([^\\s]+)");

    static UserToReset parse(List<String> args) {
        if (args.size() != 2 || !args.get(0).equals("--user")) {
            throw new IllegalArgumentException("reset takes --user PLATFORM:USER");
        }
        Matcher person = PERSON.matcher(args.get(1));
        if (person.matches()) return new UserToReset(person.group(1), person.group(2));
        throw new IllegalArgumentException("--user takes PLATFORM:USER such as slack:U0123ABCD (platform slack, "
                + "discord or terminal)");
    }

    /** The start of the current UTC month: budget spend older than that is no longer counted anyway. */
    Instant monthStart(Clock clock) {
        return BudgetPeriod.MONTH.start(clock.instant());
    }

    /** The person's budget subject, when {@code users} (a {@code --by user} report of this month) has their spend. */
    Optional<String> subject(List<ReportLine> users) {
        String subject = toString();
        return users.stream().map(ReportLine::group).filter(subject::equals).findFirst();
    }

    @Override
    public String toString() {
        return platform + ":" + user;
    }
}
