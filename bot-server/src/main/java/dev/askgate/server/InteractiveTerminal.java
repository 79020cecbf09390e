package dev.askgate.server;

import java.io.Console;

/** Whether this process talks to a person at a terminal (then {@code chat} greets and prompts) or to a pipe. */
final class InteractiveTerminal {
    private InteractiveTerminal() {
    }

    /** True when stdin and stdout are both a terminal. */
    static boolean present() {
        Console console = System.console();
        if (console == null) return false;
        // JDK 22 to 24 give a Console even when the streams are redirected, and only Console.isTerminal()
        // (added in 22; we compile for 21) tells a pipe from a terminal. So it is looked up, not called directly.
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 21: a Console exists only for a terminal
        } catch (ReflectiveOperationException | RuntimeException e) {
            return false; // in doubt, no decorations: a pipe's reader gets exactly the answers
        }
    }
}
