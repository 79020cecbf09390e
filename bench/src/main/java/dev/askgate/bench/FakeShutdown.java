package dev.askgate.bench;

/**
 * Closes the fakes after a case has measured what it measures. After a heavy load MockWebServer may give up
 * waiting for its queue to drain and say so by throwing; that must not throw away the case's table.
 */
final class FakeShutdown {
    private FakeShutdown() {
    }

    static void quietly(Runnable... closes) {
        for (Runnable close : closes) {
            try {
                close.run();
            } catch (RuntimeException | AssertionError e) {
                System.err.println("bench: closing a fake: " + e);
            }
        }
    }
}
