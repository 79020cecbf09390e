package dev.askgate.slack;

import dev.askgate.core.render.MessageSplitter;
import dev.askgate.core.render.MessageTarget;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The messages of one answer in a Slack thread: every part is converted from Markdown to mrkdwn and posted
 * in the thread ({@code chat.postMessage}) or updated ({@code chat.update}). A part whose mrkdwn outgrows what
 * Slack takes (escaping lengthens text; or Slack says {@code msg_too_long}) is split smaller: its first piece
 * stays in the message the core knows, the rest go to extra messages right after it, updated along with it.
 */
final class SlackThreadTarget implements MessageTarget {
    /** Slack starts refusing or truncating texts above about 4,000 characters. */
    static final int SAFE_CHARS = 3_900;

    private final SlackWebApi api;
    private final MrkdwnConverter mrkdwn;
    private final String channel;
    private final String workspaceKey;
    private final Supplier<String> threadTs;
    private final Map<String, List<String>> overflow = new ConcurrentHashMap<>();
    private final ReentrantLock overflowLock = new ReentrantLock();
    /** The text each overflow message shows now, by ts. */
    private final Map<String, String> shown = new ConcurrentHashMap<>();
    /** Halved each time Slack answers {@code msg_too_long}. */
    private volatile int limit = SAFE_CHARS;

    /**
     * @param workspaceKey whose {@code chat.update} budget a 429 on an update holds back
     * @param threadTs     the thread to answer in; asked for on the first post (it may post the question first)
     */
    SlackThreadTarget(SlackWebApi api, MrkdwnConverter mrkdwn, String channel, String workspaceKey,
                      Supplier<String> threadTs) {
        this.api = Objects.requireNonNull(api, "api");
        this.mrkdwn = Objects.requireNonNull(mrkdwn, "mrkdwn");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.workspaceKey = Objects.requireNonNull(workspaceKey, "workspaceKey");
        this.threadTs = Objects.requireNonNull(threadTs, "threadTs");
    }

    @Override
    public String post(String text) {
        return postPart(text);
    }

    @Override
    public String postContinuation(String previousId, String text) {
        return postPart(text);
    }

    @Override
    public void edit(String messageId, String text) {
        String converted = mrkdwn.convert(text);
        while (true) {
            List<String> pieces = pieces(converted);
            try {
                api.update(workspaceKey, channel, messageId, pieces.getFirst());
            } catch (SlackCallFailed e) {
                if (tooLongAndShrunk(e)) continue;
                throw e;
            }
            List<String> extra = overflow.get(messageId);
            if (extra == null && pieces.size() == 1) return;
            if (extra == null) extra = overflow.computeIfAbsent(messageId, id -> new ArrayList<>());
            overflowLock.lock(); // not synchronized: these calls block, and would pin a virtual thread's carrier
            try {
                for (int i = 1; i < pieces.size(); i++) {
                    if (i - 1 < extra.size()) {
                        updateIfChanged(extra.get(i - 1), pieces.get(i));
                    } else {
                        String ts = api.postMessage(channel, threadTs.get(), pieces.get(i));
                        extra.add(ts);
                        shown.put(ts, pieces.get(i));
                    }
                }
                for (int i = pieces.size() - 1; i < extra.size(); i++) {
                    updateIfChanged(extra.get(i), "\u2026");
                }
            } finally {
                overflowLock.unlock();
            }
            return;
        }
    }

    /**
     * Overflow messages are updated outside the core's pacer, so only when their text changed: while an answer
     * grows, only its last piece does, and the earlier ones cost no {@code chat.update}.
     */
    private void updateIfChanged(String ts, String text) {
        if (text.equals(shown.get(ts))) return;
        api.update(workspaceKey, channel, ts, text);
        shown.put(ts, text);
    }

    private String postPart(String text) {
        String converted = mrkdwn.convert(text);
        String thread = threadTs.get();
        while (true) {
            List<String> pieces = pieces(converted);
            String first;
            try {
                first = api.postMessage(channel, thread, pieces.getFirst());
            } catch (SlackCallFailed e) {
                if (tooLongAndShrunk(e)) continue;
                throw e;
            }
            if (pieces.size() > 1) {
                List<String> extra = new ArrayList<>();
                for (int i = 1; i < pieces.size(); i++) {
                    String ts = api.postMessage(channel, thread, pieces.get(i));
                    extra.add(ts);
                    shown.put(ts, pieces.get(i));
                }
                overflow.put(first, extra);
            }
            return first;
        }
    }

    private boolean tooLongAndShrunk(SlackCallFailed e) {
        if (!"msg_too_long".equals(e.error()) || limit / 2 < MessageSplitter.MIN_LIMIT * 4) return false;
        limit = limit / 2;
        return true;
    }

    private List<String> pieces(String converted) {
        if (converted.isBlank()) return List.of("\u2026");
        int max = limit;
        return converted.length() <= max ? List.of(converted) : new MessageSplitter(max).split(converted);
    }
}
