package dev.askgate.testkit.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.askgate.testkit.net.NoDelayServerSockets;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A Discord that a real JDA 6 connects to over real sockets: REST under {@link #apiUrl()} and a Gateway
 * WebSocket at {@link #gatewayUrl()} (plain JSON; configure JDA with no compression). It holds one guild
 * ({@link #guildId()}) with the text channels {@link #channelId()} and {@link #otherChannelId()}, the roles
 * {@link #memberRoleId()} and {@link #restrictedRoleId()}, and the members {@link #alice()} (Members),
 * {@link #bob()} (Restricted) and {@link #otherBot()}; the bot itself is {@link #self()}.
 *
 * <p>Tests inject messages and slash commands ({@link #mention}, {@link #reply}, {@link #directMessage},
 * {@link #slashCommand}), script REST failures such as 429s ({@link #rateLimitNext}), and read what the bot
 * sent ({@link #awaitMessageIn}, {@link #messagesIn}, {@link #calls()}), waiting with deadlines. Like Discord, it
 * allows 5 edits of a channel's messages per 5 s and answers more with a real 429 ({@code Via},
 * {@code X-RateLimit-*} and {@code retry_after}); its {@code X-RateLimit-Remaining} counts down honestly.
 */
public final class FakeDiscord implements AutoCloseable {
    private final String token;
    private final DiscordWorld world = new DiscordWorld();
    private final MockWebServer server = new MockWebServer();
    private final DiscordRecorder recorder = new DiscordRecorder();
    private volatile long disallowedIntents;
    private volatile boolean refusingGateway;
    private final List<GatewaySession> sessions = new CopyOnWriteArrayList<>();
    private final List<ScriptedResponse> scripts = new CopyOnWriteArrayList<>();
    private final DiscordRest rest;
    private final DiscordUser alice;
    private final DiscordUser bob;
    private final DiscordUser otherBot;
    private final DiscordUser stranger;

    /** Starts a fake Discord that accepts {@code botToken} (REST {@code Authorization: Bot …} and IDENTIFY). */
    public FakeDiscord(String botToken) {
        this.token = Objects.requireNonNull(botToken, "botToken");
        this.alice = world.addUser("alice", false, List.of(world.memberRoleId));
        this.bob = world.addUser("bob", false, List.of(world.restrictedRoleId));
        this.otherBot = world.addUser("otherbot", true, List.of(world.memberRoleId));
        this.stranger = world.addUser("stranger", false, List.of());
        this.rest = new DiscordRest(this, world);
        server.setServerSocketFactory(new NoDelayServerSockets()); // no 40 ms Nagle stall per reused connection
        server.setDispatcher(rest);
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The REST base JDA should use, ending in {@code /api/v10/}. */
    public String apiUrl() {
        return server.url("/api/v10/").toString();
    }

    /** The Gateway address ({@code ws://…/gateway}). */
    public String gatewayUrl() {
        return server.url("/gateway").toString().replaceFirst("^http", "ws");
    }

    public String applicationId() { return world.applicationId; }
    public String guildId() { return world.guildId; }
    public String channelId() { return world.channelId; }
    public String otherChannelId() { return world.otherChannelId; }
    public String memberRoleId() { return world.memberRoleId; }
    public String restrictedRoleId() { return world.restrictedRoleId; }
    /** The managed role Discord gives the bot in the guild (people sometimes mention it instead of the bot). */
    public String botRoleId() { return world.botRoleId; }
    public DiscordUser self() { return world.self; }
    /** A guild member with the Members role. */
    public DiscordUser alice() { return alice; }
    /** A guild member with the Restricted role. */
    public DiscordUser bob() { return bob; }
    /** Another bot in the guild. */
    public DiscordUser otherBot() { return otherBot; }
    /** A user who shares no guild with the bot (DMs only). */
    public DiscordUser stranger() { return stranger; }

    /** One more text channel in the guild (benchmarks spread load over many); add it before the bot connects. */
    public String addTextChannel() {
        return world.addTextChannel();
    }

    /** Adds a guild member with these roles (before JDA connects, so that GUILD_CREATE lists it). */
    public DiscordUser addMember(String name, String... roleIds) {
        return world.addUser(name, false, List.of(roleIds));
    }

    /** Whether the bot's role grants Manage Messages (set before JDA connects). Default true. */
    public void botMayManageMessages(boolean allowed) {
        world.botMayManageMessages = allowed;
    }

    /**
     * Whether the bot may read message history (set before JDA connects). Default true. Without it JDA refuses
     * to fetch messages itself, and the fake answers any fetch 403 (50001 Missing Access), as Discord does.
     */
    public void botMayReadHistory(boolean allowed) {
        world.botMayReadHistory = allowed;
    }

    /**
     * Privileged intents this application has not been granted in the Developer Portal: an IDENTIFY asking for
     * any of them is closed with 4014, as Discord does. Default none. ({@code 1 << 15} is MESSAGE_CONTENT.)
     */
    public void disallowIntents(long intentBits) {
        disallowedIntents = intentBits;
    }

    long disallowedIntents() {
        return disallowedIntents;
    }

    // --- the gateway ---

    /** Waits until a session has identified and received READY and GUILD_CREATE. */
    public void awaitIdentified(Duration timeout) {
        await(() -> sessions.stream().anyMatch(GatewaySession::identified) ? true : null, timeout,
                "no gateway session identified");
    }

    /** Sends a Gateway dispatch (op 0) to the session that serves {@code guildId} (any session for DMs). */
    public void dispatch(String type, JsonNode data, String guildId) {
        GatewaySession session = sessions.stream()
                .filter(s -> guildId == null || guildId.isEmpty() ? s.identified() : s.serves(guildId))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no identified gateway session serves " + guildId));
        session.dispatch(type, data);
    }

    /** Closes every gateway connection with {@code code} (4000 makes JDA reconnect). */
    public void dropGateway(int code) {
        sessions.forEach(s -> s.close(code, "closed by test"));
    }

    /** While {@code refusing}, Gateway connections are answered 503 (an outage the bot cannot reconnect through). */
    public void refuseGateway(boolean refusing) {
        refusingGateway = refusing;
    }

    boolean refusesGateway() {
        return refusingGateway;
    }

    // --- injecting messages ---

    /** {@code author} writes {@code text} in a guild channel, mentioning the bot first; returns the message id. */
    public String mention(DiscordUser author, String channelId, String text) {
        return send(author, channelId, world.self.mention() + " " + text, List.of(world.self), "");
    }

    /** {@code author} replies to {@code referencedId} (the bot is in {@code mentions}, as Discord does for a reply ping). */
    public String reply(DiscordUser author, String channelId, String referencedId, String text) {
        return send(author, channelId, text, List.of(world.self), referencedId);
    }

    /** {@code author} writes {@code text} in a guild channel without mentioning anyone. */
    public String say(DiscordUser author, String channelId, String text) {
        return send(author, channelId, text, List.of(), "");
    }

    /** {@code author} sends the bot a direct message; returns the message id. */
    public String directMessage(DiscordUser author, String text) {
        return send(author, world.dmChannelOf(author), text, List.of(), "");
    }

    /** The DM channel between the bot and {@code user}. */
    public String dmChannelOf(DiscordUser user) {
        return world.dmChannelOf(user);
    }

    /** Sends any message: content, the users it mentions, and the message it replies to (empty for none). */
    public String send(DiscordUser author, String channelId, String content, List<DiscordUser> mentions,
                       String referencedId) {
        String id = world.newId();
        ObjectNode message = world.wire.messageJson(id, channelId, author, content, mentions, referencedId);
        world.store(message);
        dispatch("MESSAGE_CREATE", message, world.isGuildChannel(channelId) ? world.guildId : "");
        return id;
    }

    /** Stores a message as history without sending it on the gateway (for reply chains); returns its id. */
    public String history(DiscordUser author, String channelId, String content, String referencedId) {
        String id = world.newId();
        world.store(world.wire.messageJson(id, channelId, author, content, List.of(), referencedId));
        return id;
    }

    /** {@code user} runs {@code /name option:value...} in {@code channelId}; returns the interaction token. */
    public String slashCommand(DiscordUser user, String channelId, String name, Map<String, String> options) {
        String token = "fake-interaction-token-" + world.newId();
        rest.interactionStarted(token, channelId);
        ObjectNode interaction = world.wire.commandInteraction(world.newId(), token, world.newId(), name, user, channelId,
                options);
        dispatch("INTERACTION_CREATE", interaction, world.isGuildChannel(channelId) ? world.guildId : "");
        return token;
    }

    // --- scripting REST answers ---

    /**
     * The next {@code times} calls of {@code method} on a path matching {@code pathRegex} (below /api/v10/) are
     * answered 429 with Discord's body ({@code retry_after}) and headers ({@code Retry-After}, {@code Via},
     * {@code X-RateLimit-*}, scope user).
     */
    public void rateLimitNext(String method, String pathRegex, int times, int retryAfterSeconds) {
        scripts.add(new ScriptedResponse(method, pathRegex, times, () -> DiscordRest.withDiscordHeaders(
                        new MockResponse.Builder().code(429))
                .setHeader("Retry-After", Integer.toString(retryAfterSeconds))
                .setHeader("X-RateLimit-Remaining", "0")
                .setHeader("X-RateLimit-Reset-After", retryAfterSeconds + ".000")
                .setHeader("X-RateLimit-Scope", "user")
                .body("{\"message\":\"You are being rate limited.\",\"retry_after\":" + retryAfterSeconds
                        + ".0,\"global\":false}")
                .build()));
    }

    /** The next {@code times} matching calls get {@code status} with Discord's error body. */
    public void failNext(String method, String pathRegex, int times, int status, int code, String message) {
        scripts.add(new ScriptedResponse(method, pathRegex, times, () -> DiscordRest.error(status, code, message)));
    }

    Optional<MockResponse> scripted(String method, String path) {
        for (ScriptedResponse s : scripts) {
            if (s.method().equals(method) && path.matches(s.pathRegex()) && s.take()) {
                return Optional.of(s.response().get());
            }
        }
        return Optional.empty();
    }

    // --- what the bot did ---

    /** Every REST call so far, oldest first. */
    public List<RestCall> calls() {
        return recorder.calls();
    }

    public List<RestCall> calls(String method, String pathRegex) {
        return recorder.calls().stream().filter(c -> c.is(method, pathRegex)).toList();
    }

    /** Waits for a REST call matching {@code method} and {@code pathRegex}. */
    public RestCall awaitCall(String method, String pathRegex, Duration timeout) {
        return await(() -> calls(method, pathRegex).stream().findFirst().orElse(null), timeout,
                method + " " + pathRegex);
    }

    /** Every frame the bot sent on the Gateway (IDENTIFY, heartbeats, ...), oldest first. */
    public List<JsonNode> gatewayFrames() {
        return recorder.frames();
    }

    /** The messages the bot created in {@code channelId}, oldest first. */
    public List<SentMessage> messagesIn(String channelId) {
        return sentMessages().stream().filter(m -> m.channelId().equals(channelId)).toList();
    }

    /** Every message the bot created, oldest first. */
    public List<SentMessage> sentMessages() {
        return recorder.sentMessages();
    }

    /** Ids of every message the bot deleted (its own or, with Manage Messages, others'). */
    public List<String> deletedMessageIds() {
        return recorder.deleted();
    }

    /** Waits for the bot's first message in {@code channelId}. */
    public SentMessage awaitMessageIn(String channelId, Duration timeout) {
        return awaitMessages(channelId, 1, timeout).getFirst();
    }

    /** Waits until the bot has created at least {@code count} messages in {@code channelId}. */
    public List<SentMessage> awaitMessages(String channelId, int count, Duration timeout) {
        return await(() -> {
            List<SentMessage> in = messagesIn(channelId);
            return in.size() >= count ? in : null;
        }, timeout, count + " message(s) in " + channelId);
    }

    /** Waits until {@code message}'s latest text satisfies {@code condition}; returns the text. */
    public String awaitText(SentMessage message, Predicate<String> condition, Duration timeout) {
        return await(() -> condition.test(message.text()) ? message.text() : null, timeout,
                "text condition on " + message);
    }

    /** Waits until {@code probe} returns non-null, re-checking whenever the fake records something. */
    public <T> T await(Supplier<T> probe, Duration timeout, String what) {
        return recorder.await(probe, timeout, what);
    }

    // --- for the REST and Gateway halves ---

    DiscordRecorder recorder() {
        return recorder;
    }

    Optional<GatewaySession> session(String sessionId) {
        return sessions.stream().filter(s -> s.sessionId().equals(sessionId)).findFirst();
    }

    boolean acceptsToken(String presented) {
        return token.equals(presented);
    }

    GatewaySession newGatewaySession() {
        GatewaySession session = new GatewaySession(this, world);
        sessions.add(session);
        return session;
    }

    void threadCreated(ObjectNode thread) {
        dispatch("THREAD_CREATE", thread.deepCopy().put("newly_created", true), world.guildId);
    }

    @Override
    public void close() {
        sessions.forEach(s -> s.close(1000, "fake discord closing"));
        server.close();
    }
}
