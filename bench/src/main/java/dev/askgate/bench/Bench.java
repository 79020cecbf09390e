package dev.askgate.bench;

import java.util.List;

/** {@code scripts/bench <case> [--short]}: runs one benchmark case and prints its table; exit 1 when a goal is missed. */
public final class Bench {
    /** Every case, by name. */
    static final List<BenchCase> CASES = List.of(new SlackBurstCase());

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean shortRun = List.of(args).contains("--short");
        List<String> names = List.of(args).stream().filter(a -> !a.startsWith("--")).toList();
        if (names.size() != 1) {
            System.err.println("usage: scripts/bench <case> [--short]; cases:");
            CASES.forEach(c -> System.err.println("  " + c.name() + "  " + c.description()));
            System.exit(2);
        }
        BenchCase chosen = CASES.stream().filter(c -> c.name().equals(names.getFirst())).findFirst().orElse(null);
        if (chosen == null) {
            System.err.println("bench: no case named " + names.getFirst() + "; cases: "
                    + CASES.stream().map(BenchCase::name).toList());
            System.exit(2);
        }
        BenchResult result = chosen.run(shortRun);
        new ResultTable(System.out).print(result);
        System.exit(result.passed() ? 0 : 1);
    }
}
