package dev.askgate.testkit.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.MultipartReader;
import okio.Buffer;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The REST half of the fake Discord: answers the routes JDA uses for a chat bot with Discord's shapes, headers
 * ({@code Via}, {@code X-RateLimit-*}) and errors, and hands every call to {@link FakeDiscord} for recording.
 * The Gateway upgrade ({@code GET /gateway}) is answered here too.
 */
final class DiscordRest extends Dispatcher {
    private static final String API = "api/v10/";

    private final FakeDiscord discord;
    private final DiscordWorld world;
    /** Interaction token to the id of its original response message. */
    private final Map<String, String> originals = new ConcurrentHashMap<>();
    /** Interaction token to the channel it was used in. */
    private final Map<String, String> interactionChannels = new ConcurrentHashMap<>();
    private final EditRateLimit editLimit = new EditRateLimit();

    DiscordRest(FakeDiscord discord, DiscordWorld world) {
        this.discord = discord;
        this.world = world;
    }

    void interactionStarted(String token, String channelId) {
        interactionChannels.put(token, channelId);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        List<String> segments = request.getUrl().pathSegments();
        if (segments.size() == 1 && segments.getFirst().equals("gateway")) {
            if (discord.refusesGateway()) return error(503, 0, "503: Service Unavailable");
            return new MockResponse.Builder().webSocketUpgrade(discord.newGatewaySession()).build();
        }
        String fullPath = String.join("/", segments);
        if (!fullPath.startsWith(API)) {
            return error(404, 0, "404: Not Found");
        }
        String path = fullPath.substring(API.length());
        String method = request.getMethod();
        JsonNode body = bodyOf(request);
        // The call and its effect (a message created or edited) become visible to waiting tests together.
        return discord.recorder().atomically(() -> {
            MockResponse response = discord.scripted(method, path).orElseGet(() -> authorized(request, path)
                    ? route(method, path, segments.subList(2, segments.size()), body, request)
                    : error(401, 0, "401: Unauthorized"));
            discord.recorder().call(new RestCall(method, path,
                    Optional.ofNullable(request.getUrl().encodedQuery()).orElse(""), body, response.getCode(),
                    Instant.now()));
            return response;
        });
    }

    private boolean authorized(RecordedRequest request, String path) {
        if (path.startsWith("interactions/") || path.startsWith("webhooks/")) return true;
        String auth = request.getHeaders().get("Authorization");
        return auth != null && auth.startsWith("Bot ") && discord.acceptsToken(auth.substring(4));
    }

    private MockResponse route(String method, String path, List<String> s, JsonNode body, RecordedRequest request) {
        String route = method + " " + path.replaceAll("\\d{5,}", "{id}")
                .replaceAll("^(interactions/\\{id\\}|webhooks/\\{id\\})/[^/]+", "$1/{token}");
        if (route.startsWith("GET channels/{id}/messages") && !world.botMayReadHistory && world.isGuildChannel(s.get(1))) {
            return error(403, 50001, "Missing Access");
        }
        return switch (route) {
            case "GET users/@me" -> ok(world.wire.userJson(world.self).put("verified", true).put("mfa_enabled", false));
            case "GET gateway" -> ok(world.mapper.createObjectNode().put("url", discord.gatewayUrl()));
            case "GET gateway/bot" -> gatewayBot();
            case "GET applications/@me" -> ok(world.mapper.createObjectNode().put("id", world.applicationId)
                    .put("name", "Askgate").put("bot_public", false).put("bot_require_code_grant", false)
                    .put("description", "").put("flags", 0));
            case "POST channels/{id}/messages" -> create(s.get(1), body, "");
            case "GET channels/{id}/messages/{id}" -> world.message(s.get(3)).map(DiscordRest::ok)
                    .orElseGet(() -> error(404, 10008, "Unknown Message"));
            case "GET channels/{id}/messages" -> history(s.get(1), request);
            case "PATCH channels/{id}/messages/{id}" -> limitedEdit(s.get(1), s.get(3), body);
            case "DELETE channels/{id}/messages/{id}" -> delete(s.get(3));
            case "POST channels/{id}/typing" -> noContent();
            case "POST channels/{id}/messages/{id}/threads" -> startThread(s.get(1), s.get(3), body);
            case "POST users/@me/channels" -> openDm(body);
            case "GET guilds/{id}/members/{id}" -> world.members().stream().filter(u -> u.id().equals(s.get(3)))
                    .findFirst().<MockResponse>map(u -> ok(world.wire.memberJson(u, true)))
                    .orElseGet(() -> error(404, 10007, "Unknown Member"));
            case "PUT applications/{id}/commands", "PUT applications/{id}/guilds/{id}/commands" -> commands(body);
            case "GET applications/{id}/commands", "GET applications/{id}/guilds/{id}/commands" ->
                    ok(world.mapper.createArrayNode());
            case "POST interactions/{id}/{token}/callback" -> callback(s.get(2), body);
            case "PATCH webhooks/{id}/{token}/messages/@original" -> editOriginal(s.get(2), body);
            case "GET webhooks/{id}/{token}/messages/@original" -> Optional.ofNullable(originals.get(s.get(2)))
                    .flatMap(world::message).map(DiscordRest::ok).orElseGet(() -> error(404, 10008, "Unknown Message"));
            case "DELETE webhooks/{id}/{token}/messages/@original" -> Optional.ofNullable(originals.get(s.get(2)))
                    .map(this::delete).orElseGet(() -> error(404, 10008, "Unknown Message"));
            case "POST webhooks/{id}/{token}" -> create(interactionChannels.getOrDefault(s.get(2), ""), body, s.get(2));
            case "PATCH webhooks/{id}/{token}/messages/{id}" -> edit(s.get(4), body);
            default -> error(404, 0, "404: Not Found");
        };
    }

    private MockResponse history(String channelId, RecordedRequest request) {
        var url = request.getUrl();
        int limit = Optional.ofNullable(url.queryParameter("limit")).map(Integer::parseInt).orElse(50);
        String before = Optional.ofNullable(url.queryParameter("before")).orElse("");
        var out = world.mapper.createArrayNode();
        world.history(channelId, before, Math.min(100, limit)).forEach(out::add);
        return ok(out);
    }

    private MockResponse gatewayBot() {
        ObjectNode n = world.mapper.createObjectNode().put("url", discord.gatewayUrl()).put("shards", 1);
        n.putObject("session_start_limit").put("total", 1000).put("remaining", 999).put("reset_after", 14400000)
                .put("max_concurrency", 1);
        return ok(n);
    }

    private MockResponse create(String channelId, JsonNode body, String interactionToken) {
        if (channelId.isEmpty() || !world.knownChannels().contains(channelId)) {
            return error(404, 10003, "Unknown Channel");
        }
        String replyTo = body.path("message_reference").path("message_id").asText("");
        String id = world.newId();
        ObjectNode message = world.wire.messageJson(id, channelId, world.self, body.path("content").asText(""),
                List.of(), replyTo);
        world.store(message);
        discord.recorder().created(new SentMessage(id, channelId, replyTo, interactionToken), body);
        return ok(message);
    }

    private MockResponse edit(String messageId, JsonNode body) {
        Optional<ObjectNode> stored = world.message(messageId);
        if (stored.isEmpty()) return error(404, 10008, "Unknown Message");
        ObjectNode message = stored.get();
        if (body.has("content")) message.put("content", body.get("content").asText());
        message.put("edited_timestamp", Instant.now().toString());
        discord.recorder().edited(messageId, body);
        return ok(message);
    }

    /** An edit of a channel's message, within Discord's edit limit (else a 429 as Discord sends it). */
    private MockResponse limitedEdit(String channelId, String messageId, JsonNode body) {
        EditRateLimit.Verdict verdict = editLimit.admit(channelId, System.currentTimeMillis());
        String resetAfter = String.format(Locale.ROOT, "%.3f", verdict.resetAfterMillis() / 1000.0);
        if (!verdict.allowed()) {
            long retrySeconds = Math.max(1, (verdict.resetAfterMillis() + 999) / 1000);
            return withDiscordHeaders(new MockResponse.Builder().code(429))
                    .setHeader("Retry-After", Long.toString(retrySeconds))
                    .setHeader("X-RateLimit-Remaining", "0")
                    .setHeader("X-RateLimit-Reset-After", resetAfter)
                    .setHeader("X-RateLimit-Bucket", "fakeedits")
                    .setHeader("X-RateLimit-Scope", "user")
                    .body("{\"message\":\"You are being rate limited.\",\"retry_after\":" + resetAfter
                            + ",\"global\":false}")
                    .build();
        }
        MockResponse response = edit(messageId, body);
        if (response.getCode() != 200) return response;
        return response.newBuilder()
                .setHeader("X-RateLimit-Remaining", Integer.toString(verdict.remaining()))
                .setHeader("X-RateLimit-Reset-After", resetAfter)
                .setHeader("X-RateLimit-Bucket", "fakeedits")
                .build();
    }

    private MockResponse delete(String messageId) {
        Optional<ObjectNode> stored = world.message(messageId);
        if (stored.isEmpty()) return error(404, 10008, "Unknown Message");
        boolean own = stored.get().path("author").path("id").asText().equals(world.self.id());
        if (!own && !world.botMayManageMessages) return error(403, 50013, "Missing Permissions");
        discord.recorder().deleted(messageId);
        return noContent();
    }

    private MockResponse startThread(String channelId, String messageId, JsonNode body) {
        String threadId = messageId; // Discord gives a thread started from a message the message's id
        world.addThread(threadId, channelId);
        ObjectNode thread = world.wire.threadJson(threadId, channelId, body.path("name").asText("thread"));
        discord.threadCreated(thread);
        return new MockResponse.Builder().code(201).setHeader("Content-Type", "application/json")
                .setHeader("Via", "1.1 google").body(thread.toString()).build();
    }

    private MockResponse openDm(JsonNode body) {
        String recipient = body.path("recipient_id").asText();
        Optional<DiscordUser> user = world.user(recipient);
        if (user.isEmpty()) return error(400, 50007, "Cannot send messages to this user");
        ObjectNode channel = world.mapper.createObjectNode().put("id", world.dmChannelOf(user.get())).put("type", 1);
        channel.putNull("last_message_id");
        channel.putArray("recipients").add(world.wire.userJson(user.get()));
        return ok(channel);
    }

    private MockResponse commands(JsonNode body) {
        var out = world.mapper.createArrayNode();
        if (body.isArray()) {
            for (JsonNode command : body) {
                ObjectNode c = command.deepCopy();
                c.put("id", world.newId()).put("application_id", world.applicationId).put("version", world.newId());
                if (!c.has("type")) c.put("type", 1);
                if (!c.has("description")) c.put("description", "");
                out.add(c);
            }
        }
        return ok(out);
    }

    private MockResponse callback(String token, JsonNode body) {
        String channelId = interactionChannels.get(token);
        if (channelId == null) return error(404, 10062, "Unknown interaction");
        if (originals.containsKey(token)) return error(400, 40060, "Interaction has already been acknowledged.");
        int type = body.path("type").asInt();
        String id = world.newId();
        JsonNode data = body.path("data");
        ObjectNode message = world.wire.messageJson(id, channelId, world.self, data.path("content").asText(""),
                List.of(), "");
        world.store(message);
        originals.put(token, id);
        ObjectNode first = world.mapper.createObjectNode().put("content", data.path("content").asText(""));
        first.put("callback_type", type).put("flags", data.path("flags").asInt(0));
        discord.recorder().created(new SentMessage(id, channelId, "", token), first);
        ObjectNode response = world.mapper.createObjectNode();
        response.putObject("interaction").put("id", world.newId()).put("type", 2);
        response.putObject("resource").put("type", type);
        return ok(response);
    }

    private MockResponse editOriginal(String token, JsonNode body) {
        String id = originals.get(token);
        if (id == null) return error(404, 10015, "Unknown Webhook");
        return edit(id, body);
    }

    private JsonNode bodyOf(RecordedRequest request) {
        var bytes = request.getBody();
        if (bytes == null || bytes.size() == 0) return MissingNode.getInstance();
        String type = Optional.ofNullable(request.getHeaders().get("Content-Type")).orElse("");
        try {
            if (type.startsWith("multipart/form-data")) {
                String boundary = type.replaceFirst(".*boundary=", "").replace("\"", "");
                try (MultipartReader reader = new MultipartReader(new Buffer().write(bytes), boundary)) {
                    for (var part = reader.nextPart(); part != null; part = reader.nextPart()) {
                        String disposition = Optional.ofNullable(part.headers().get("Content-Disposition")).orElse("");
                        if (disposition.contains("name=\"payload_json\"")) {
                            return world.mapper.readTree(part.body().readUtf8());
                        }
                    }
                }
                return MissingNode.getInstance();
            }
            return world.mapper.readTree(bytes.utf8());
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    static MockResponse ok(JsonNode json) {
        return withDiscordHeaders(new MockResponse.Builder().code(200)).body(json.toString()).build();
    }

    static MockResponse noContent() {
        return withDiscordHeaders(new MockResponse.Builder().code(204)).build();
    }

    static MockResponse error(int status, int code, String message) {
        String body = "{\"message\":\"" + message + "\",\"code\":" + code + "}";
        return withDiscordHeaders(new MockResponse.Builder().code(status)).body(body).build();
    }

    /** Real Discord answers carry these; JDA takes a 429 without {@code Via} for a Cloudflare ban. */
    static MockResponse.Builder withDiscordHeaders(MockResponse.Builder b) {
        return b.setHeader("Content-Type", "application/json").setHeader("Via", "1.1 google")
                .setHeader("X-RateLimit-Limit", "5").setHeader("X-RateLimit-Remaining", "4")
                .setHeader("X-RateLimit-Reset-After", "0.250")
                .setHeader("X-RateLimit-Reset", String.format(java.util.Locale.ROOT, "%.3f", System.currentTimeMillis() / 1000.0 + 0.25))
                .setHeader("X-RateLimit-Bucket", "fakebucket");
    }
}
