package dev.askgate.core.alert;

/**
 * Where an operator alert is posted besides the log: a Slack or Discord channel, implemented by that platform.
 * The text is plain and short; it never holds a secret, a question or a user's words.
 */
public interface AlertChannel {

    /** For log lines: {@code slack channel C0123}. */
    String name();

    /** Posts {@code text}; may block. A failure is an exception, which the caller logs and survives. */
    void post(String text);
}
