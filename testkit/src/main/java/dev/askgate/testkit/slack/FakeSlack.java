package dev.askgate.testkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.testkit.net.NoDelayServerSockets;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A scriptable fake of Slack on a real socket, for tests of the Slack adapter with the real Bolt:
 * the Web API ({@code auth.test}, {@code chat.postMessage}, {@code chat.update}, {@code chat.postEphemeral},
 * {@code conversations.replies}, {@code conversations.history}, {@code apps.connections.open}, {@code bots.info}, {@code users.info},
 * and the AI-app methods: {@code chat.startStream}/{@code appendStream}/{@code stopStream} and
 * {@code assistant.threads.setStatus}/{@code setSuggestedPrompts}/{@code setTitle}) under {@link #apiUrl()}, {@code response_url} endpoints, a Socket Mode WebSocket that says {@code hello}, delivers
 * envelopes and records each ack, and a sender that posts signed requests to an app in HTTP mode.
 * Per-method fault plans ({@link #faultNext}) and Slack's rate limits ({@link #enforce}) can be switched on.
 * Every call is recorded; the {@code await…} methods wait (with a deadline) for what a test expects.
 */
public final class FakeSlack implements Closeable {
    public static final String TEAM_ID = "T0FAKE0001";
    public static final String APP_ID = "A0FAKE0001";
    public static final String BOT_USER_ID = "U0FAKEBOT1";
    public static final String BOT_ID = "B0FAKEBOT1";
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

    private final String botToken;
    private final String appToken;
    private final ObjectMapper json = new ObjectMapper();
    private final MockWebServer server = new MockWebServer();
    private final FakeSlackWebApi webApi = new FakeSlackWebApi(this, json);
    private final FakeSocketMode socketMode = new FakeSocketMode(json);
    private final List<SlackCall> calls = new ArrayList<>();
    private final Map<String, SlackMessage> messages = new ConcurrentHashMap<>();
    /**
     * Numbers the ids Slack makes unique (event ids, trigger ids, response URLs, socket tickets), from a random start:
     * two fakes one after the other, on one Askgate database, must not send what looks like a retry of the other's.
     */
    private final AtomicInteger ids = new AtomicInteger(ThreadLocalRandom.current().nextInt(1, 1 << 30));
    private final SlackEventBuilder events = new SlackEventBuilder(json, ids);
    private final AppHttpSender sender = new AppHttpSender();

    /** Starts a fake that accepts {@code botToken} for the Web API and {@code appToken} for Socket Mode. */
    public FakeSlack(String botToken, String appToken) {
        this.botToken = botToken;
        this.appToken = appToken;
        server.setServerSocketFactory(new NoDelayServerSockets()); // no 40 ms Nagle stall per reused connection
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return route(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MockResponse route(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.startsWith("/api/")) return webApi.dispatch(path.substring(5), request);
        if (path.startsWith("/respond/")) {
            Map<String, String> params = webApi.params(request);
            params.put("_response_url", path.substring(9));
            record(new SlackCall("response_url", params, "", Instant.now(), true));
            return new MockResponse.Builder().code(200).body("ok").build();
        }
        if (path.startsWith("/link")) return socketMode.upgrade();
        return new MockResponse.Builder().code(404).body("not found").build();
    }

    // ---- addresses

    /** The Web API base, ending with a slash; give it to the app as {@code SLACK_API_URL}. */
    public String apiUrl() {
        return server.url("/api/").toString();
    }

    /** The Socket Mode URL {@code apps.connections.open} hands out. */
    public String webSocketUrl() {
        return server.url("/link/").toString().replaceFirst("^http", "ws") + "?ticket=fake-" + ids.incrementAndGet();
    }

    /** A fresh {@code response_url}; posts to it are recorded as calls of method {@code response_url}. */
    public String newResponseUrl() {
        return server.url("/respond/" + TEAM_ID + "/" + ids.incrementAndGet() + "/FAKEhook").toString();
    }

    String botToken() { return botToken; }
    String appToken() { return appToken; }

    // ---- scripting

    /** The next call of {@code method} answers {@code {"ok":false,"error":error}}. */
    public FakeSlack failNext(String method, String error) {
        webApi.script(method, webApi.jsonResponse(200, webApi.error(error)));
        return this;
    }

    /** The next call of {@code method} answers 429 with {@code Retry-After: seconds}. */
    public FakeSlack rateLimitNext(String method, int retryAfterSeconds) {
        webApi.script(method, new MockResponse.Builder().code(429).addHeader("Retry-After", retryAfterSeconds)
                .addHeader("Content-Type", "application/json").body("{\"ok\":false,\"error\":\"ratelimited\"}").build());
        return this;
    }

    /**
     * The next calls of {@code method} meet {@code faults}, one call each, in order; later calls are answered
     * normally (or by the enforced limits).
     */
    public FakeSlack faultNext(String method, SlackFault... faults) {
        for (SlackFault f : faults) webApi.fault(method, f);
        return this;
    }

    /** How long a {@link SlackFault#SLOW_RESPONSE} holds its response back (default 3 s). */
    public FakeSlack slowResponseDelay(Duration delay) {
        webApi.slowResponseDelay = delay;
        return this;
    }

    /** From now on, calls beyond {@code limits} are answered 429 with {@code Retry-After}, as Slack does. */
    public FakeSlack enforce(SlackLimits limits) {
        webApi.limiter = new RateLimiter(limits);
        return this;
    }

    /** How many calls the enforced limits have answered with 429 so far. */
    public long rateLimitedCalls() {
        return webApi.rateLimitedCalls();
    }

    /** Posting to {@code channel} fails with {@code not_in_channel} (the bot was not invited). */
    public FakeSlack botNotIn(String channel) {
        webApi.channelsWithoutBot.add(channel);
        return this;
    }

    /** Posting to {@code channel} fails with {@code channel_not_found}. */
    public FakeSlack unknownChannel(String channel) {
        webApi.unknownChannels.add(channel);
        return this;
    }

    /** Texts longer than {@code chars} are refused with {@code msg_too_long} (default 4,000). */
    public FakeSlack msgTooLongAbove(int chars) {
        webApi.msgTooLongAbove = chars;
        return this;
    }

    /** {@code conversations.replies} answers in pages of {@code size} messages, with a {@code next_cursor}. */
    public FakeSlack repliesPageSize(int size) {
        webApi.repliesPageSize = size;
        return this;
    }

    /**
     * {@code chat.startStream} answers {@code error} from now on (an older Enterprise Grid or GovSlack answers
     * {@code unknown_method}; a workspace without the feature {@code feature_not_enabled}); null: it works again.
     */
    public FakeSlack streamingUnavailable(String error) {
        webApi.ai.startStreamError = error;
        return this;
    }

    /** Adds a message written by {@code user} (a thread root when {@code threadTs} is empty); returns its ts. */
    public String userMessage(String channel, String user, String text, String threadTs) {
        String ts = webApi.nextTs();
        store(new SlackMessage(channel, ts, threadTs, user, "", text));
        return ts;
    }

    /** Adds a message of the bot to a thread, as if it had answered earlier; returns its ts. */
    public String botMessage(String channel, String text, String threadTs) {
        String ts = webApi.nextTs();
        store(new SlackMessage(channel, ts, threadTs, BOT_USER_ID, BOT_ID, text));
        return ts;
    }

    // ---- building what Slack sends

    /** A {@code /ask} command from {@code user} in {@code channel} with its own response URL and trigger id. */
    public SlashCommand slashCommand(String command, String channel, String user, String text) {
        return new SlashCommand(command, TEAM_ID, channel, user, text, newResponseUrl(),
                "1337." + ids.incrementAndGet() + ".FAKEtrigger");
    }

    /** An {@code app_mention} of the bot, stored as a message too (so that it is part of its thread). */
    public SlackEvent appMention(String channel, String user, String text, String threadTs) {
        return events.appMention(userMessage(channel, user, text, threadTs), channel, user, text, threadTs);
    }

    /** A direct message ({@code message.im}) from {@code user} in the IM channel {@code channel}. */
    public SlackEvent directMessage(String channel, String user, String text) {
        return directMessage(channel, user, text, "");
    }

    /** A direct message written in the thread {@code threadTs} of the IM channel (empty: top-level). */
    public SlackEvent directMessage(String channel, String user, String text, String threadTs) {
        return events.directMessage(userMessage(channel, user, text, threadTs), channel, user, text, threadTs);
    }

    /** A message event written by the bot itself (which the app must ignore). */
    public SlackEvent ownMessageEvent(String channel, String text) {
        return events.ownMessage(botMessage(channel, text, ""), channel, text);
    }

    /**
     * The assistant panel opened a thread: {@code assistant_thread_started} for {@code user} in the IM
     * {@code channel}, thread {@code threadTs} (also stored as the thread's root), viewing {@code contextChannel}.
     */
    public SlackEvent assistantThreadStarted(String channel, String user, String contextChannel) {
        String threadTs = webApi.nextTs();
        store(new SlackMessage(channel, threadTs, "", BOT_USER_ID, BOT_ID, ""));
        return events.assistantThread("assistant_thread_started", channel, user, threadTs, contextChannel);
    }

    /** The person now looks at {@code contextChannel} beside the assistant thread: {@code assistant_thread_context_changed}. */
    public SlackEvent assistantThreadContextChanged(String channel, String user, String threadTs, String contextChannel) {
        return events.assistantThread("assistant_thread_context_changed", channel, user, threadTs, contextChannel);
    }

    /** {@code user} clicked {@code value} (👍 or 👎's value) on the feedback buttons under the bot's message {@code messageTs}. */
    public SlackInteraction feedbackClick(String channel, String messageTs, String user, String value, String actionId) {
        SlackMessage message = message(channel, messageTs);
        String threadTs = message == null ? "" : message.threadTs();
        return events.feedbackClick(channel, messageTs, threadTs, user, value, actionId, newResponseUrl());
    }

    // ---- Socket Mode

    /** The Socket Mode side: delivers envelopes over the app's WebSocket and records the acks. */
    public FakeSocketMode socketMode() {
        return socketMode;
    }

    /** Delivers a slash command over Socket Mode; returns the envelope id. */
    public String deliver(SlashCommand command) {
        return socketMode.deliver("slash_commands", json.valueToTree(command.fields()), true, 0);
    }

    /** Delivers an event over Socket Mode ({@code retryAttempt} 0 the first time); returns the envelope id. */
    public String deliver(SlackEvent event, int retryAttempt) {
        return socketMode.deliver("events_api", event.payload(), false, retryAttempt);
    }

    /** Delivers an interactive payload (a button click) over Socket Mode; returns the envelope id. */
    public String deliver(SlackInteraction interaction) {
        return socketMode.deliver("interactive", interaction.payload(), true, 0);
    }

    // ---- HTTP mode

    /** Posts an interactive payload to an app in HTTP mode ({@code payload=} form), signed. */
    public HttpDelivery post(URI endpoint, SlackInteraction interaction, SlackSigner signer) {
        return sender.post(endpoint, interaction, signer);
    }

    /** Posts a slash command to an app in HTTP mode, signed with {@code signer} at the current time. */
    public HttpDelivery post(URI endpoint, SlashCommand command, SlackSigner signer) {
        return sender.post(endpoint, command, signer);
    }

    /** Posts an event to an app in HTTP mode; {@code retryNum} above 0 adds Slack's retry headers. */
    public HttpDelivery post(URI endpoint, SlackEvent event, SlackSigner signer, int retryNum) {
        return sender.post(endpoint, event, signer, retryNum);
    }

    /** Posts any body with any headers to an app (for unsigned, wrongly signed or stale requests). */
    public HttpDelivery post(URI endpoint, String contentType, String body, Map<String, String> headers) {
        return sender.post(endpoint, contentType, body, headers);
    }

    // ---- records

    synchronized void record(SlackCall call) {
        calls.add(call);
        notifyAll();
    }

    synchronized void store(SlackMessage message) {
        messages.put(message.channel() + "/" + message.ts(), message);
        notifyAll();
    }

    synchronized SlackMessage message(String channel, String ts) {
        return messages.get(channel + "/" + ts);
    }

    /**
     * How many messages match {@code which}, without the fake's lock and without sorting or copying them: for a
     * benchmark that polls while Askgate posts thousands of messages to this fake, on the same cores.
     */
    public long count(Predicate<SlackMessage> which) {
        return messages.values().stream().filter(which).count();
    }

    /** Every message the fake holds, oldest first. */
    public synchronized List<SlackMessage> messages() {
        return messages.values().stream().sorted(Comparator.comparing(SlackMessage::ts)).toList();
    }

    /** The messages of a thread (its root first), oldest first. */
    public List<SlackMessage> thread(String channel, String threadTs) {
        return messages().stream()
                .filter(m -> m.channel().equals(channel) && (m.ts().equals(threadTs) || m.threadTs().equals(threadTs)))
                .toList();
    }

    /** The natively streamed message at {@code channel}/{@code ts}, as it stands now. */
    public synchronized Optional<SlackStream> stream(String channel, String ts) {
        return webApi.ai.stream(channel, ts);
    }

    /** Waits for a stream in {@code channel} that matches {@code filter} (say, one that has stopped). */
    public SlackStream awaitStream(String channel, Predicate<SlackStream> filter) {
        return await(() -> messages().stream().filter(m -> m.channel().equals(channel))
                        .map(m -> webApi.ai.stream(channel, m.ts())).flatMap(Optional::stream).filter(filter).findFirst(),
                DEFAULT_WAIT, "a stream in " + channel + " matching the test's condition");
    }

    /** The {@code assistant.threads.*} calls of {@code kind} ({@code setStatus}, {@code setSuggestedPrompts}, {@code setTitle}), in order. */
    public synchronized List<AssistantCall> assistantCalls(String kind) {
        return webApi.ai.assistantCalls().stream().filter(c -> c.kind().equals(kind)).toList();
    }

    /** The loading status the thread shows now; empty once cleared or once the bot has replied after it. */
    public synchronized Optional<String> assistantStatus(String channel, String threadTs) {
        return webApi.ai.currentStatus(channel, threadTs);
    }

    /** Every call received so far, in order. */
    public synchronized List<SlackCall> calls() {
        return List.copyOf(calls);
    }

    /** The calls of one method, in order ({@code response_url} for posts to response URLs). */
    public synchronized List<SlackCall> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    /** Waits for a call of {@code method} that matches {@code filter}. */
    public SlackCall awaitCall(String method, Predicate<SlackCall> filter) {
        return await(() -> calls(method).stream().filter(filter).findFirst(), DEFAULT_WAIT,
                "a " + method + " call matching the test's condition");
    }

    /** Waits for the first message the bot posts in {@code channel} (top-level or in a thread). */
    public SlackMessage awaitBotMessage(String channel, Predicate<SlackMessage> filter) {
        return await(() -> messages().stream().filter(m -> m.fromBot() && m.channel().equals(channel))
                .filter(filter).findFirst(), DEFAULT_WAIT, "a bot message in " + channel);
    }

    /** Waits until {@code condition} holds, re-checking whenever the fake records something. */
    public <T> T await(Supplier<Optional<T>> condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (true) {
                Optional<T> value = condition.get();
                if (value.isPresent()) return value.get();
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("FakeSlack: timed out after " + timeout + " waiting for " + what
                            + "; calls so far: " + calls);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    /** Parses a JSON text (an ack payload, a response_url body field). */
    public JsonNode parse(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes the fake; fails (after closing) when an envelope delivered over Socket Mode was never acknowledged,
     * since real Slack would have retried it and called the app unhealthy.
     */
    @Override
    public void close() {
        List<String> unacknowledged = socketMode.unacknowledged();
        socketMode.close();
        sender.close();
        server.close();
        if (!unacknowledged.isEmpty()) {
            throw new AssertionError("FakeSlack: envelope(s) never acknowledged by the app: " + unacknowledged);
        }
    }
}
