package dev.askgate.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import mockwebserver3.RecordedRequest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Every request {@link FakeOpenAi} received, in order, parsed for assertions. Thread-safe. */
final class RequestLog {
    private final ObjectMapper json;
    private final List<RecordedCall> calls = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<RecordedCall> untaken = new LinkedBlockingQueue<>();
    private final AtomicInteger sequence = new AtomicInteger();

    RequestLog(ObjectMapper json) {
        this.json = json;
    }

    /** Records a request and gives it the {@code x-request-id} it will be answered with. */
    RecordedCall record(RecordedRequest request) {
        int n = sequence.incrementAndGet();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : request.getHeaders().names()) {
            headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(request.getHeaders().values(name)));
        }
        String bodyText = request.getBody() == null ? "" : request.getBody().string(StandardCharsets.UTF_8);
        RecordedCall call = new RecordedCall(n, request.getMethod(), request.getUrl().encodedPath(), headers, bodyText,
                parse(bodyText), String.format(Locale.ROOT, "req_fake%024x", n));
        calls.add(call);
        untaken.add(call);
        return call;
    }

    List<RecordedCall> all() {
        return List.copyOf(calls);
    }

    int size() {
        return calls.size();
    }

    RecordedCall take(Duration timeout) {
        try {
            RecordedCall call = untaken.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (call == null) throw new AssertionError("FakeOpenAi received no request within " + timeout);
            return call;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a request", e);
        }
    }

    void await(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (calls.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("FakeOpenAi saw " + calls.size() + " requests, expected " + count);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for requests", e);
            }
        }
    }

    void clear() {
        calls.clear();
        untaken.clear();
    }

    private JsonNode parse(String bodyText) {
        if (bodyText.isEmpty()) return null;
        try {
            return json.readTree(bodyText);
        } catch (IOException e) {
            return null; // kept as text only; an assertion on the body will show it
        }
    }
}
