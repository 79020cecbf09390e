package dev.askgate.slack;

import com.slack.api.bolt.service.AssistantThreadContextService;
import com.slack.api.model.assistant.AssistantThreadContext;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which channel the person beside each assistant thread is viewing, kept in memory for the newest threads.
 * Bolt's default service keeps it in the metadata of the bot's first reply instead, which costs a
 * {@code conversations.replies} on Bolt's event thread before every panel message is acknowledged and a
 * {@code chat.update} of the greeting on every context change — and cannot save the context of a thread that has
 * no reply yet (the {@code assistant_thread_started} event itself). A lost entry (a restart, another replica)
 * only means an answer without the viewing line until the next context change.
 */
final class SlackPanelContexts implements AssistantThreadContextService {
    /** Threads remembered; the least recently used is forgotten first. */
    static final int CAPACITY = 10_000;

    private final Map<String, AssistantThreadContext> contexts;

    SlackPanelContexts() {
        this(CAPACITY);
    }

    SlackPanelContexts(int capacity) {
        this.contexts = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, AssistantThreadContext> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public synchronized Optional<AssistantThreadContext> findCurrentContext(String channelId, String threadTs) {
        return Optional.ofNullable(contexts.get(key(channelId, threadTs)));
    }

    @Override
    public synchronized void saveCurrentContext(String channelId, String threadTs, AssistantThreadContext context) {
        if (channelId == null || threadTs == null || context == null) return;
        contexts.put(key(channelId, threadTs), context);
    }

    synchronized int size() {
        return contexts.size();
    }

    private static String key(String channelId, String threadTs) {
        return channelId + "/" + threadTs;
    }
}
