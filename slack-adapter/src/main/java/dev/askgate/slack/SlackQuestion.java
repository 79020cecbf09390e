package dev.askgate.slack;

import dev.askgate.core.ChatRequest;

import java.util.Objects;

/**
 * One question to answer in Slack: the core's request, the channel, the thread the answer goes in (an
 * {@code /ask} begins its own, with the quoted question, once the core has accepted it), and how to reach the
 * asker privately.
 */
record SlackQuestion(ChatRequest request, String channel, SlackThread thread, PrivateReply privately) {
    SlackQuestion {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(thread, "thread");
        Objects.requireNonNull(privately, "privately");
    }

    /** A thread that already exists (a mention, a DM): its ts. */
    static SlackThread existing(String threadTs) {
        return SlackThread.existing(threadTs);
    }

    /** A thread that begins with a message posted when the core accepts the question (the quoted {@code /ask}). */
    static SlackThread startedBy(SlackWebApi api, String channel, String text) {
        return SlackThread.startedBy(api, channel, text);
    }
}
