package dev.askgate.testkit.discord;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything the bot sent to the fake Discord (REST calls, Gateway frames, the messages it created, edited and
 * deleted), and waiting for it: every recording wakes the waiters, which re-check their condition.
 */
final class DiscordRecorder {
    private final Object monitor = new Object();
    private final List<RestCall> calls = new ArrayList<>();
    private final List<JsonNode> frames = new ArrayList<>();
    private final Map<String, SentMessage> sent = new LinkedHashMap<>();
    private final List<String> deleted = new ArrayList<>();

    /** Runs {@code work} so that waiters see all it records at once. */
    <T> T atomically(Supplier<T> work) {
        synchronized (monitor) {
            return work.get();
        }
    }

    List<RestCall> calls() {
        synchronized (monitor) {
            return List.copyOf(calls);
        }
    }

    List<JsonNode> frames() {
        synchronized (monitor) {
            return List.copyOf(frames);
        }
    }

    List<SentMessage> sentMessages() {
        synchronized (monitor) {
            return List.copyOf(sent.values());
        }
    }

    List<String> deleted() {
        synchronized (monitor) {
            return List.copyOf(deleted);
        }
    }

    void frame(JsonNode frame) {
        synchronized (monitor) {
            frames.add(frame);
            monitor.notifyAll();
        }
    }

    void call(RestCall call) {
        synchronized (monitor) {
            calls.add(call);
            monitor.notifyAll();
        }
    }

    void created(SentMessage message, JsonNode body) {
        synchronized (monitor) {
            message.record(body, Instant.now());
            sent.put(message.id(), message);
            monitor.notifyAll();
        }
    }

    void edited(String messageId, JsonNode body) {
        synchronized (monitor) {
            Optional.ofNullable(sent.get(messageId)).ifPresent(m -> m.record(body, Instant.now()));
            monitor.notifyAll();
        }
    }

    void deleted(String messageId) {
        synchronized (monitor) {
            Optional.ofNullable(sent.get(messageId)).ifPresent(SentMessage::markDeleted);
            deleted.add(messageId);
            monitor.notifyAll();
        }
    }

    /** Wakes the waiters (a Gateway session changed). */
    void signal() {
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }

    /** Waits until {@code probe} returns non-null; fails the test with {@code what} at the deadline. */
    <T> T await(Supplier<T> probe, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (monitor) {
            while (true) {
                T value = probe.get();
                if (value != null) return value;
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + what
                            + "; REST calls so far: " + calls);
                }
                try {
                    monitor.wait(Math.min(left, 100));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + what);
                }
            }
        }
    }
}
