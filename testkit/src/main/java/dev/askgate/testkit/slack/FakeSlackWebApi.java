package dev.askgate.testkit.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Web API half of {@link FakeSlack}: answers {@code /api/<method>} like Slack does and records each call. */
final class FakeSlackWebApi {
    /** Slack refuses message texts over 40,000 characters; most clients see trouble above about 4,000. */
    static final int MSG_TOO_LONG_ABOVE = 4_000;

    private static final Pattern TOKEN = Pattern.compile("<[^<>\\s][^<>]*>");
    private static final Pattern RAW_AMPERSAND = Pattern.compile("&(?!amp;|lt;|gt;)");

    private final FakeSlack fake;
    private final ObjectMapper json;
    final FakeSlackAiApi ai;
    private final AtomicLong tsCounter = new AtomicLong();
    private final Map<String, Deque<MockResponse>> scripted = new ConcurrentHashMap<>();
    private final Map<String, Deque<SlackFault>> faults = new ConcurrentHashMap<>();
    /** The {@code metadata} a message was posted with (JSON text), by channel/ts. */
    private final Map<String, String> metadata = new ConcurrentHashMap<>();
    private final AtomicLong rateLimited = new AtomicLong();
    volatile RateLimiter limiter;
    volatile Duration slowResponseDelay = Duration.ofSeconds(3);
    final Set<String> channelsWithoutBot = ConcurrentHashMap.newKeySet();
    final Set<String> unknownChannels = ConcurrentHashMap.newKeySet();
    volatile int msgTooLongAbove = MSG_TOO_LONG_ABOVE;
    volatile int repliesPageSize = 1_000;

    FakeSlackWebApi(FakeSlack fake, ObjectMapper json) {
        this.fake = fake;
        this.json = json;
        this.ai = new FakeSlackAiApi(fake, this, json);
    }

    String nextTs() {
        long n = tsCounter.incrementAndGet();
        return String.format("%d.%06d", 1_700_000_000L + n / 1_000_000, n % 1_000_000);
    }

    void script(String method, MockResponse response) {
        scripted.computeIfAbsent(method, m -> new ArrayDeque<>()).add(response);
    }

    void fault(String method, SlackFault fault) {
        faults.computeIfAbsent(method, m -> new ArrayDeque<>()).add(fault);
    }

    /** How many calls the enforced limits answered with 429. */
    long rateLimitedCalls() {
        return rateLimited.get();
    }

    MockResponse dispatch(String method, RecordedRequest request) {
        Map<String, String> params = params(request);
        String bearer = bearer(request);
        String token = bearer.isEmpty() ? params.getOrDefault("token", "") : bearer;
        MockResponse scriptedResponse = poll(scripted, method);
        if (scriptedResponse != null) {
            fake.record(new SlackCall(method, params, token, Instant.now(), false, scriptedResponse.getCode()));
            return scriptedResponse;
        }
        SlackFault fault = poll(faults, method);
        if (fault != null) {
            MockResponse faulty = faulty(fault, method, params, token);
            if (faulty != null) return faulty;
        }
        RateLimiter limits = limiter;
        long wait = limits == null ? 0 : limits.admit(method, params.getOrDefault("channel", ""), System.currentTimeMillis());
        if (wait > 0) {
            rateLimited.incrementAndGet();
            fake.record(new SlackCall(method, params, token, Instant.now(), false, 429));
            return rateLimitedResponse(Math.max(1, (wait + 999) / 1000));
        }
        return jsonResponse(200, process(method, params, token));
    }

    /**
     * The call is recorded and its effect (a stored or changed message) applied under the fake's one lock,
     * so that a test that sees the message also sees the call that made it, in order.
     */
    private ObjectNode process(String method, Map<String, String> params, String token) {
        synchronized (fake) {
            ObjectNode answer = answer(method, params, token);
            fake.record(new SlackCall(method, params, token, Instant.now(), answer.path("ok").asBoolean(), 200));
            return answer;
        }
    }

    /** The response for {@code fault}; null when the fault only delays a normal answer that follows. */
    private MockResponse faulty(SlackFault fault, String method, Map<String, String> params, String token) {
        return switch (fault) {
            case HTTP_500, HTTP_503 -> {
                int code = fault == SlackFault.HTTP_500 ? 500 : 503;
                fake.record(new SlackCall(method, params, token, Instant.now(), false, code));
                yield new MockResponse.Builder().code(code).addHeader("Content-Type", "text/html")
                        .body("<html><body>Slack is having trouble</body></html>").build();
            }
            case HTTP_429 -> {
                fake.record(new SlackCall(method, params, token, Instant.now(), false, 429));
                yield rateLimitedResponse(1);
            }
            case RATELIMITED_OK_FALSE -> {
                fake.record(new SlackCall(method, params, token, Instant.now(), false, 200));
                yield jsonResponse(200, error("ratelimited"));
            }
            case RESET_BEFORE_RESPONSE -> {
                fake.record(new SlackCall(method, params, token, Instant.now(), false, 0));
                yield new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
            }
            case RESET_AFTER_PROCESSING -> {
                process(method, params, token);
                yield new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
            }
            case SLOW_RESPONSE -> {
                ObjectNode answer = process(method, params, token);
                yield new MockResponse.Builder(jsonResponse(200, answer))
                        .headersDelay(slowResponseDelay.toMillis(), TimeUnit.MILLISECONDS).build();
            }
        };
    }

    private static MockResponse rateLimitedResponse(long retryAfterSeconds) {
        return new MockResponse.Builder().code(429).addHeader("Retry-After", retryAfterSeconds)
                .addHeader("Content-Type", "application/json").body("{\"ok\":false,\"error\":\"ratelimited\"}").build();
    }

    private static <T> T poll(Map<String, Deque<T>> queues, String method) {
        Deque<T> queue = queues.get(method);
        if (queue == null) return null;
        synchronized (queue) {
            return queue.poll();
        }
    }

    private ObjectNode answer(String method, Map<String, String> params, String token) {
        return switch (method) {
            case "auth.test" -> authTest(token);
            case "apps.connections.open" -> connectionsOpen(token);
            case "chat.postMessage" -> checkBot(token, () -> postMessage(params));
            case "chat.update" -> checkBot(token, () -> update(params));
            case "chat.postEphemeral" -> checkBot(token, () -> postEphemeral(params));
            case "conversations.replies" -> checkBot(token, () -> replies(params));
            case "conversations.history" -> checkBot(token, () -> history(params));
            case "bots.info" -> botsInfo(params);
            case "users.info" -> usersInfo(params);
            default -> checkBot(token, () -> ai.answer(method, params).orElseGet(() -> error("unknown_method")));
        };
    }

    private ObjectNode authTest(String token) {
        if (!fake.botToken().equals(token)) return error("invalid_auth");
        ObjectNode ok = ok();
        ok.put("url", "https://fake.slack.com/");
        ok.put("team", "Fake Team");
        ok.put("user", "askgate");
        ok.put("team_id", FakeSlack.TEAM_ID);
        ok.put("user_id", FakeSlack.BOT_USER_ID);
        ok.put("bot_id", FakeSlack.BOT_ID);
        ok.put("is_enterprise_install", false);
        return ok;
    }

    private ObjectNode connectionsOpen(String token) {
        if (!fake.appToken().equals(token)) return error("invalid_auth");
        ObjectNode ok = ok();
        ok.put("url", fake.webSocketUrl());
        return ok;
    }

    private ObjectNode checkBot(String token, java.util.function.Supplier<ObjectNode> then) {
        return fake.botToken().equals(token) ? then.get() : error("invalid_auth");
    }

    private ObjectNode postMessage(Map<String, String> p) {
        String channel = p.getOrDefault("channel", "");
        ObjectNode problem = channelProblem(channel, p.getOrDefault("text", ""));
        if (problem != null) return problem;
        Optional<String> markdown = markdownBlocks(p.get("blocks"));
        if (markdown.isPresent() && markdown.get().length() > FakeSlackAiApi.MARKDOWN_TEXT_LIMIT) return error("msg_too_long");
        String ts = nextTs();
        SlackMessage m = new SlackMessage(channel, ts, p.get("thread_ts"), FakeSlack.BOT_USER_ID, FakeSlack.BOT_ID,
                markdown.orElseGet(() -> asSlackStores(p.get("text"))));
        if (p.containsKey("metadata")) metadata.put(channel + "/" + ts, p.get("metadata"));
        fake.store(m);
        ObjectNode ok = ok();
        ok.put("channel", channel);
        ok.put("ts", ts);
        ok.set("message", messageJson(m));
        return ok;
    }

    private ObjectNode update(Map<String, String> p) {
        String channel = p.getOrDefault("channel", "");
        ObjectNode problem = channelProblem(channel, p.getOrDefault("text", ""));
        if (problem != null) return problem;
        Optional<String> markdown = markdownBlocks(p.get("blocks"));
        if (markdown.isPresent() && markdown.get().length() > FakeSlackAiApi.MARKDOWN_TEXT_LIMIT) return error("msg_too_long");
        SlackMessage existing = fake.message(channel, p.getOrDefault("ts", ""));
        if (existing == null) return error("message_not_found");
        fake.store(existing.withText(markdown.orElseGet(() -> asSlackStores(p.get("text")))));
        ObjectNode ok = ok();
        ok.put("channel", channel);
        ok.put("ts", existing.ts());
        ok.put("text", p.get("text"));
        return ok;
    }

    /**
     * The Markdown of a message's {@code markdown} blocks, which Slack shows instead of its {@code text} (a
     * fallback for notifications); empty when it has none.
     */
    private Optional<String> markdownBlocks(String blocks) {
        if (blocks == null || blocks.isBlank()) return Optional.empty();
        try {
            StringBuilder out = new StringBuilder();
            boolean any = false;
            for (JsonNode block : json.readTree(blocks)) {
                if ("markdown".equals(block.path("type").asText())) {
                    out.append(block.path("text").asText());
                    any = true;
                }
            }
            return any ? Optional.of(out.toString()) : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    /**
     * The text as Slack keeps and returns it: a {@code &}, {@code <} or {@code >} sent raw outside a
     * {@code <…>} token (a mention, a link) comes back escaped — a {@code > } quote marker as {@code &gt; }.
     */
    static String asSlackStores(String text) {
        if (text == null) return null;
        StringBuilder out = new StringBuilder();
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (m.find()) {
            out.append(escapeRaw(text.substring(at, m.start()))).append(m.group());
            at = m.end();
        }
        return out.append(escapeRaw(text.substring(at))).toString();
    }

    private static String escapeRaw(String s) {
        return RAW_AMPERSAND.matcher(s).replaceAll("&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private ObjectNode postEphemeral(Map<String, String> p) {
        String channel = p.getOrDefault("channel", "");
        ObjectNode problem = channelProblem(channel, p.getOrDefault("text", ""));
        if (problem != null) return problem;
        if (p.getOrDefault("user", "").isEmpty()) return error("user_not_in_channel");
        ObjectNode ok = ok();
        ok.put("message_ts", nextTs());
        return ok;
    }

    ObjectNode channelProblem(String channel, String text) {
        if (channel.isEmpty() || unknownChannels.contains(channel)) return error("channel_not_found");
        if (channelsWithoutBot.contains(channel)) return error("not_in_channel");
        if (text.length() > msgTooLongAbove) return error("msg_too_long");
        return null;
    }

    private ObjectNode replies(Map<String, String> p) {
        String channel = p.getOrDefault("channel", "");
        if (unknownChannels.contains(channel)) return error("channel_not_found");
        if (channelsWithoutBot.contains(channel)) return error("not_in_channel");
        String ts = p.getOrDefault("ts", "");
        List<SlackMessage> thread = fake.messages().stream()
                .filter(m -> m.channel().equals(channel) && (m.ts().equals(ts) || m.threadTs().equals(ts)))
                .sorted(Comparator.comparing(SlackMessage::ts))
                .toList();
        if (thread.isEmpty()) return error("thread_not_found");
        // Pages of repliesPageSize messages; the cursor is the index of the next page's first message.
        int from = p.getOrDefault("cursor", "").startsWith("FAKEcursor") ? Integer.parseInt(p.get("cursor").substring(10)) : 0;
        int to = Math.min(thread.size(), from + repliesPageSize);
        ObjectNode ok = ok();
        ArrayNode messages = ok.putArray("messages");
        boolean withMetadata = flag(p.get("include_all_metadata"));
        thread.subList(Math.min(from, to), to).forEach(m -> messages.add(messageJson(m, withMetadata)));
        ok.put("has_more", to < thread.size());
        if (to < thread.size()) ok.putObject("response_metadata").put("next_cursor", "FAKEcursor" + to);
        return ok;
    }

    /** Top-level messages of a channel, newest first, since {@code oldest} (up to {@code limit}, default 100). */
    private ObjectNode history(Map<String, String> p) {
        String channel = p.getOrDefault("channel", "");
        if (unknownChannels.contains(channel)) return error("channel_not_found");
        if (channelsWithoutBot.contains(channel)) return error("not_in_channel");
        String oldest = p.getOrDefault("oldest", "0");
        int limit = Integer.parseInt(p.getOrDefault("limit", "100"));
        boolean withMetadata = flag(p.get("include_all_metadata"));
        ObjectNode ok = ok();
        ArrayNode messages = ok.putArray("messages");
        fake.messages().stream()
                .filter(m -> m.channel().equals(channel) && (m.threadTs().isEmpty() || m.threadTs().equals(m.ts())))
                .filter(m -> m.ts().compareTo(oldest) > 0)
                .sorted(Comparator.comparing(SlackMessage::ts).reversed())
                .limit(limit)
                .forEach(m -> messages.add(messageJson(m, withMetadata)));
        ok.put("has_more", false);
        return ok;
    }

    /** Slack's clients send booleans as {@code 1}/{@code 0} or {@code true}/{@code false}. */
    private static boolean flag(String value) {
        return "1".equals(value) || "true".equalsIgnoreCase(value);
    }

    private ObjectNode botsInfo(Map<String, String> p) {
        ObjectNode ok = ok();
        ObjectNode bot = ok.putObject("bot");
        bot.put("id", p.getOrDefault("bot", FakeSlack.BOT_ID));
        bot.put("user_id", FakeSlack.BOT_ID.equals(p.get("bot")) ? FakeSlack.BOT_USER_ID : "UOTHERBOT");
        bot.put("name", "bot");
        return ok;
    }

    private ObjectNode usersInfo(Map<String, String> p) {
        ObjectNode ok = ok();
        ObjectNode user = ok.putObject("user");
        user.put("id", p.getOrDefault("user", ""));
        user.put("name", "user-" + p.getOrDefault("user", "").toLowerCase());
        user.put("is_bot", false);
        return ok;
    }

    ObjectNode messageJson(SlackMessage m) {
        return messageJson(m, false);
    }

    ObjectNode messageJson(SlackMessage m, boolean withMetadata) {
        ObjectNode node = json.createObjectNode();
        String meta = withMetadata ? metadata.get(m.channel() + "/" + m.ts()) : null;
        if (meta != null) {
            try {
                node.set("metadata", json.readTree(meta));
            } catch (java.io.IOException e) {
                node.put("metadata", meta);
            }
        }
        node.put("type", "message");
        node.put("user", m.user());
        if (m.fromBot()) node.put("bot_id", m.botId());
        node.put("text", m.text());
        node.put("ts", m.ts());
        if (!m.threadTs().isEmpty()) node.put("thread_ts", m.threadTs());
        return node;
    }

    private ObjectNode ok() {
        ObjectNode ok = json.createObjectNode();
        ok.put("ok", true);
        return ok;
    }

    ObjectNode error(String code) {
        ObjectNode e = json.createObjectNode();
        e.put("ok", false);
        e.put("error", code);
        return e;
    }

    MockResponse jsonResponse(int code, JsonNode body) {
        return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json; charset=utf-8")
                .body(body.toString()).build();
    }

    Map<String, String> params(RecordedRequest request) {
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        String contentType = request.getHeaders().get("Content-Type");
        Map<String, String> params = new LinkedHashMap<>();
        if (request.getUrl().query() != null) params.putAll(form(request.getUrl().query()));
        if (contentType != null && contentType.startsWith("application/json") && !body.isBlank()) {
            try {
                JsonNode node = json.readTree(body);
                node.properties().forEach(e ->
                        params.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
            } catch (java.io.IOException e) {
                params.put("_unparsable", body);
            }
        } else if (!body.isBlank()) {
            params.putAll(form(body));
        }
        return params;
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String bearer(RecordedRequest request) {
        String auth = request.getHeaders().get("Authorization");
        if (auth != null && auth.startsWith("Bearer ")) return auth.substring(7);
        return "";
    }
}
