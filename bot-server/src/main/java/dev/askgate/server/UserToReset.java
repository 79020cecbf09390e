package dev.askgate.server;

import dev.askgate.core.usage.BudgetPeriod;
import dev.askgate.core.usage.ReportLine;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The user of {@code askgate usage reset --user}: {@code slack:U0123ABCD} (every workspace the user spent in this
 * month) or {@code slack:T0123:U0123ABCD}, the form the {@code --by user} report shows.
 */
record UserToReset(String platform, String workspace, String user, boolean anyWorkspace) {
    private static final Pattern SHORT = Pattern.compile("(slack|discord|terminal):([^:\\s]+)");
    private static final Pattern FULL = Pattern.compile("(slack|discord|terminal):([^:\\s]*):([^:\\s]+)");

    static UserToReset parse(List<String> args) {
        if (args.size() != 2 || !args.get(0).equals("--user")) {
            throw new IllegalArgumentException("reset takes --user PLATFORM:USER");
        }
        String value = args.get(1);
        Matcher full = FULL.matcher(value);
        if (full.matches()) return new UserToReset(full.group(1), full.group(2), full.group(3), false);
        Matcher shortForm = SHORT.matcher(value);
        if (shortForm.matches()) return new UserToReset(shortForm.group(1), "", shortForm.group(2), true);
        throw new IllegalArgumentException("--user takes PLATFORM:USER such as slack:U0123ABCD (platform slack, "
                + "discord or terminal)");
    }

    /** The start of the current UTC month: budget spend older than that is no longer counted anyway. */
    Instant monthStart(Clock clock) {
        return BudgetPeriod.MONTH.start(clock.instant());
    }

    /** The budget subjects this user has, among {@code users} (a {@code --by user} report of this month). */
    List<String> subjects(List<ReportLine> users) {
        if (!anyWorkspace) return List.of(platform + ":" + workspace + ":" + user);
        return users.stream().map(ReportLine::group)
                .filter(group -> group.startsWith(platform + ":") && group.endsWith(":" + user))
                .filter(group -> group.split(":", -1).length == 3)
                .toList();
    }

    @Override
    public String toString() {
        return anyWorkspace ? platform + ":" + user : platform + ":" + workspace + ":" + user;
    }
}
