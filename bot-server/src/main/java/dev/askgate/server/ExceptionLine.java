package dev.askgate.server;

/**
 * An exception as one log line: its class and message, then each cause's, so that a log stays one line per
 * event (the stack trace goes to DEBUG). Our own messages never carry a secret.
 */
final class ExceptionLine {
    private static final int MAX_CAUSES = 3;

    private ExceptionLine() {
    }

    static String of(Throwable e) {
        var line = new StringBuilder(part(e));
        Throwable cause = e.getCause();
        for (int i = 0; cause != null && cause != e && i < MAX_CAUSES; i++, cause = cause.getCause()) {
            line.append(" (caused by ").append(part(cause)).append(')');
        }
        return line.toString();
    }

    private static String part(Throwable e) {
        String message = e.getMessage();
        String name = e.getClass().getSimpleName().isEmpty() ? e.getClass().getName() : e.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + message.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
