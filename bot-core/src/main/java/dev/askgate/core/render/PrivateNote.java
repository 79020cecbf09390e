package dev.askgate.core.render;

/** Tells the asker alone (Slack: an ephemeral message; Discord: a DM, or the notice where it is private). */
@FunctionalInterface
public interface PrivateNote {

    /** Sends {@code text} (the platform's text); blocks; a failed send throws an unchecked exception. */
    void tell(String text);
}
