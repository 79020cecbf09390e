package dev.askgate.slack;

import dev.askgate.core.Conversation;
import dev.askgate.core.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Names an assistant thread after its first question ({@code assistant.threads.setTitle}), so that the panel's
 * history lists subjects rather than dates. Best-effort and off the answer's path: on its own virtual thread,
 * a failure logged once per cause.
 */
final class SlackThreadTitles {
    private static final Logger log = LoggerFactory.getLogger(SlackThreadTitles.class);
    /** Slack's thread list shows about this much of a title. */
    static final int MAX_TITLE = 60;

    private final SlackStreamCalls calls;
    private final Executor executor;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    SlackThreadTitles(SlackStreamCalls calls, Executor executor) {
        this.calls = calls;
        this.executor = executor;
    }

    static SlackThreadTitles onVirtualThreads(SlackStreamCalls calls) {
        return new SlackThreadTitles(calls, task -> Thread.ofVirtual().name("slack-title").start(task));
    }

    /**
     * Titles the thread with {@code question} when it is its first: nobody has asked anything in it before
     * (stateless, so a restart never titles a thread twice).
     */
    void ifFirst(String channel, String threadTs, Conversation before, String question) {
        if (before.turns().stream().anyMatch(t -> t.role() == Role.USER)) return;
        String title = titleOf(question);
        if (title.isEmpty()) return;
        executor.execute(() -> {
            String error = calls.setTitle(channel, threadTs, title);
            if (error.isEmpty()) return;
            if (reported.add(error)) {
                log.info("platform=slack channel={} could not title the assistant thread ({}; logged once)",
                        channel, error);
            } else {
                log.debug("platform=slack channel={} could not title the assistant thread ({})", channel, error);
            }
        });
    }

    /** The question's first line, spaces collapsed, cut at a word before {@link #MAX_TITLE} characters. */
    static String titleOf(String question) {
        String line = question.strip().lines().findFirst().orElse("").replaceAll("\\s+", " ").strip();
        if (line.length() <= MAX_TITLE) return line;
        String cut = line.substring(0, MAX_TITLE - 1);
        int space = cut.lastIndexOf(' ');
        if (space >= MAX_TITLE / 2) cut = cut.substring(0, space);
        return cut.stripTrailing() + "…";
    }
}
