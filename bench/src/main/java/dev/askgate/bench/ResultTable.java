package dev.askgate.bench;

import java.io.PrintStream;

/** Prints a {@link BenchResult} as a Markdown table (ready for the README), with the machine it ran on. */
public final class ResultTable {
    private final PrintStream out;

    public ResultTable(PrintStream out) {
        this.out = out;
    }

    public void print(BenchResult result) {
        out.println("### " + result.caseName() + " — " + result.shape());
        out.println();
        out.println("Machine: " + Runtime.getRuntime().availableProcessors() + " cores, Java "
                + Runtime.version().feature() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        out.println();
        out.println("| measure | value | goal | met |");
        out.println("|---|---|---|---|");
        for (BenchResult.Row row : result.rows()) {
            String met = row.goal().isEmpty() ? "" : row.met() ? "yes" : "**no**";
            out.println("| " + row.measure() + " | " + row.value() + " | " + row.goal() + " | " + met + " |");
        }
        out.println();
        out.println(result.passed() ? "All goals met." : "Some goals NOT met.");
    }
}
