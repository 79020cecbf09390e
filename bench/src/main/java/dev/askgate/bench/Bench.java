package dev.askgate.bench;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code scripts/bench <case>|all [--short]}: runs one benchmark case (or every one) and prints its table; exit 1
 * when a goal is missed. Which jar runs and with which JVM flags: {@link ServeJar}.
 */
public final class Bench {
    /** Every case, by name, in the order {@code all} runs them. */
    static final List<BenchCase> CASES = List.of(new DiscordMentionCase(), new SlackAckCase(), new OverheadCase(),
            DiscordChannelCase.streams(), DiscordChannelCase.pacing(), new ThroughputCase(), new InFlightCase(),
            new FootprintCase(), new SlackBurstCase(), new SlackNativeCase());

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean shortRun = List.of(args).contains("--short");
        List<String> names = List.of(args).stream().filter(a -> !a.startsWith("--")).toList();
        if (names.size() != 1) {
            System.err.println("usage: scripts/bench <case>|all [--short]; cases:");
            CASES.forEach(c -> System.err.println("  " + c.name() + "  " + c.description()));
            System.exit(2);
        }
        List<BenchCase> chosen = names.getFirst().equals("all") ? CASES
                : CASES.stream().filter(c -> c.name().equals(names.getFirst())).toList();
        if (chosen.isEmpty()) {
            System.err.println("bench: no case named " + names.getFirst() + "; cases: "
                    + CASES.stream().map(BenchCase::name).toList());
            System.exit(2);
        }
        // MockWebServer reports every connection the bench's clients open and drop, through java.util.logging.
        Logger.getLogger("mockwebserver3").setLevel(Level.SEVERE);
        boolean passed = true;
        ResultTable table = new ResultTable(System.out);
        for (BenchCase benchCase : chosen) {
            System.err.println("bench: running " + benchCase.name() + (shortRun ? " (short)" : "") + " ...");
            BenchResult result = runOne(benchCase, shortRun);
            table.print(result);
            System.out.println();
            System.out.flush();
            passed &= result.passed();
        }
        System.exit(passed ? 0 : 1);
    }

    /** A case that breaks down is a failed row in its table, so that {@code all} goes on with the others. */
    private static BenchResult runOne(BenchCase benchCase, boolean shortRun) {
        try {
            return benchCase.run(shortRun);
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
            return new BenchResult(benchCase.name(), benchCase.description(), List.of(new BenchResult.Row(
                    "the run", "broke down: " + e.getClass().getSimpleName() + ": " + why, "completes", false)));
        }
    }
}
