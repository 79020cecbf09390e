package dev.askgate.core.render;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A MessageTarget in memory: records every call with the clock's time and holds each message's text. */
final class RecordingTarget implements MessageTarget {
    /** One platform call. {@code previousId} is set for continuations. */
    record Call(String kind, String messageId, String previousId, String text, Instant at) { }

    private final Clock clock;
    final List<Call> calls = new ArrayList<>();
    final Map<String, String> messages = new LinkedHashMap<>();
    private int next = 1;
    int typing;
    RuntimeException failNextEdit;
    int failingPosts;
    int postAttempts;
    /** Texts the platform refuses, as a platform refuses a message that is too long. */
    java.util.function.Predicate<String> refuses = text -> false;
    int accepted;
    RuntimeException failAccepted;
    boolean endedWithoutAnswer;

    RecordingTarget(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized String post(String text) {
        postAttempts++;
        refuse(text);
        if (failingPosts > 0) {
            failingPosts--;
            throw new IllegalStateException("platform unavailable");
        }
        String id = "m" + next++;
        messages.put(id, text);
        calls.add(new Call("post", id, null, text, clock.instant()));
        return id;
    }

    @Override
    public synchronized String postContinuation(String previousId, String text) {
        if (!messages.containsKey(previousId)) throw new IllegalArgumentException("unknown " + previousId);
        refuse(text);
        String id = "m" + next++;
        messages.put(id, text);
        calls.add(new Call("continue", id, previousId, text, clock.instant()));
        return id;
    }

    @Override
    public synchronized void edit(String messageId, String text) {
        if (failNextEdit != null) {
            RuntimeException e = failNextEdit;
            failNextEdit = null;
            throw e;
        }
        if (!messages.containsKey(messageId)) throw new IllegalArgumentException("unknown " + messageId);
        refuse(text);
        messages.put(messageId, text);
        calls.add(new Call("edit", messageId, null, text, clock.instant()));
    }

    @Override
    public synchronized void typing() {
        typing++;
    }

    @Override
    public synchronized void questionAccepted() {
        if (failAccepted != null) throw failAccepted;
        accepted++;
        calls.add(new Call("accepted", "", null, "", clock.instant()));
    }

    @Override
    public synchronized void endedWithoutAnswer() {
        endedWithoutAnswer = true;
    }

    private void refuse(String text) {
        if (refuses.test(text)) throw new TooLong();
    }

    /** What the recording platform throws for a text it refuses. */
    static final class TooLong extends RuntimeException {
        TooLong() {
            super("too long", null, false, false);
        }
    }

    synchronized List<Call> calls(String kind) {
        return calls.stream().filter(c -> c.kind().equals(kind)).toList();
    }

    synchronized List<String> texts() {
        return List.copyOf(messages.values());
    }
}
