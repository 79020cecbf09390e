package dev.askgate.bench;

/**
 * One benchmark case: a named load against the testkit fakes that measures and judges itself. Add a case by
 * writing one class and listing it in {@link Bench#CASES}.
 */
public interface BenchCase {
    /** The name on the command line ({@code scripts/bench slack-burst}). */
    String name();

    /** One line: what load, against what. */
    String description();

    /** Runs the case, the quick variant when {@code shortRun} (for CI); never throws for a failed goal. */
    BenchResult run(boolean shortRun) throws Exception;
}
