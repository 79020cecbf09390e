package dev.askgate.testkit.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The fake's own wire behaviour, checked with a plain OkHttp client (the adapter's tests use the real JDA). */
class FakeDiscordTest {
    static final String TOKEN = "FAKE0discord0token0notreal.FAKE00.FAKE0000notreal0000000000000";
    static final MediaType JSON = MediaType.get("application/json");
    final FakeDiscord discord = new FakeDiscord(TOKEN);
    final OkHttpClient client = new OkHttpClient();
    final ObjectMapper mapper = new ObjectMapper();

    @AfterEach
    void tearDown() {
        discord.close();
        client.dispatcher().executorService().shutdown();
    }

    @Test
    void restNeedsTheBotTokenAndAnswersLikeDiscord() throws Exception {
        try (Response anonymous = call(new Request.Builder().url(discord.apiUrl() + "users/@me"))) {
            assertThat(anonymous.code()).isEqualTo(401);
        }
        try (Response me = call(authorized("users/@me"))) {
            assertThat(me.code()).isEqualTo(200);
            assertThat(me.header("Via")).isNotBlank();
            assertThat(mapper.readTree(me.body().string()).path("id").asText()).isEqualTo(discord.self().id());
        }
    }

    @Test
    void theSixthEditOfAChannelWithinFiveSecondsIsRateLimitedAsDiscordDoes() throws Exception {
        String path = "channels/" + discord.channelId() + "/messages";
        String id;
        try (Response created = call(authorized(path).post(RequestBody.create("{\"content\":\"one\"}", JSON)))) {
            id = mapper.readTree(created.body().string()).path("id").asText();
        }
        for (int i = 1; i <= 5; i++) {
            try (Response edited = call(authorized(path + "/" + id).patch(RequestBody.create("{\"content\":\"e\"}", JSON)))) {
                assertThat(edited.code()).isEqualTo(200);
                assertThat(edited.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(5 - i));
            }
        }
        try (Response limited = call(authorized(path + "/" + id).patch(RequestBody.create("{\"content\":\"x\"}", JSON)))) {
            assertThat(limited.code()).isEqualTo(429);
            assertThat(limited.header("Via")).isNotBlank();
            assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
            assertThat(Double.parseDouble(limited.header("X-RateLimit-Reset-After"))).isPositive();
            assertThat(mapper.readTree(limited.body().string()).path("retry_after").asDouble()).isPositive();
        }
        assertThat(discord.awaitMessageIn(discord.channelId(), Duration.ofSeconds(5)).text()).isEqualTo("e");
    }

    @Test
    void createdAndEditedMessagesAreRecordedWithEveryVersion() throws Exception {
        String path = "channels/" + discord.channelId() + "/messages";
        String id;
        try (Response created = call(authorized(path).post(RequestBody.create("{\"content\":\"one\"}", JSON)))) {
            id = mapper.readTree(created.body().string()).path("id").asText();
        }
        try (Response edited = call(authorized(path + "/" + id).patch(RequestBody.create("{\"content\":\"two\"}", JSON)))) {
            assertThat(edited.code()).isEqualTo(200);
        }

        SentMessage message = discord.awaitMessageIn(discord.channelId(), Duration.ofSeconds(5));
        assertThat(message.versions()).containsExactly("one", "two");
        assertThat(message.edits()).isEqualTo(1);
    }

    @Test
    void aScriptedRateLimitCarriesDiscordsBodyAndHeaders() throws Exception {
        discord.rateLimitNext("POST", "channels/\\d+/messages", 1, 2);
        String path = "channels/" + discord.channelId() + "/messages";

        try (Response limited = call(authorized(path).post(RequestBody.create("{\"content\":\"x\"}", JSON)))) {
            assertThat(limited.code()).isEqualTo(429);
            assertThat(limited.header("Retry-After")).isEqualTo("2");
            assertThat(limited.header("Via")).isNotBlank();
            assertThat(limited.header("X-RateLimit-Remaining")).isEqualTo("0");
            assertThat(mapper.readTree(limited.body().string()).path("retry_after").asDouble()).isEqualTo(2.0);
        }
        try (Response next = call(authorized(path).post(RequestBody.create("{\"content\":\"x\"}", JSON)))) {
            assertThat(next.code()).isEqualTo(200);
        }
    }

    @Test
    void theGatewayGreetsIdentifiesAcknowledgesHeartbeatsAndRejectsWrongTokens() throws Exception {
        BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        WebSocket ws = client.newWebSocket(new Request.Builder().url(discord.gatewayUrl()).build(),
                new WebSocketListener() {
                    @Override
                    public void onMessage(WebSocket webSocket, String text) {
                        frames.add(text);
                    }
                });

        assertThat(op(frames.poll(5, TimeUnit.SECONDS)).path("d").path("heartbeat_interval").asInt()).isPositive();
        ws.send("{\"op\":1,\"d\":null}");
        assertThat(op(frames.poll(5, TimeUnit.SECONDS)).path("op").asInt()).isEqualTo(11);
        ws.send("{\"op\":2,\"d\":{\"token\":\"" + TOKEN + "\",\"intents\":33281,\"properties\":{}}}");
        JsonNode ready = op(frames.poll(5, TimeUnit.SECONDS));
        assertThat(ready.path("t").asText()).isEqualTo("READY");
        assertThat(ready.path("d").path("application").path("id").asText()).isEqualTo(discord.applicationId());
        assertThat(ready.path("d").path("resume_gateway_url").asText()).isEqualTo(discord.gatewayUrl());
        JsonNode guild = op(frames.poll(5, TimeUnit.SECONDS));
        assertThat(guild.path("t").asText()).isEqualTo("GUILD_CREATE");
        assertThat(guild.path("d").path("member_count").asInt()).isEqualTo(guild.path("d").path("members").size());
        discord.awaitIdentified(Duration.ofSeconds(5));

        String id = discord.mention(discord.alice(), discord.channelId(), "hi");
        JsonNode create = op(frames.poll(5, TimeUnit.SECONDS));
        assertThat(create.path("t").asText()).isEqualTo("MESSAGE_CREATE");
        assertThat(create.path("d").path("id").asText()).isEqualTo(id);
        assertThat(create.path("d").path("content").asText()).isEqualTo(discord.self().mention() + " hi");
        ws.close(1000, "done");

        BlockingQueue<Integer> refused = new LinkedBlockingQueue<>();
        WebSocket wrong = client.newWebSocket(new Request.Builder().url(discord.gatewayUrl()).build(),
                new WebSocketListener() {
                    @Override
                    public void onClosing(WebSocket webSocket, int code, String reason) {
                        refused.add(code);
                    }
                });
        wrong.send("{\"op\":2,\"d\":{\"token\":\"not-the-token\",\"intents\":0,\"properties\":{}}}");
        assertThat(refused.poll(5, TimeUnit.SECONDS)).isEqualTo(4004);
    }

    private Request.Builder authorized(String path) {
        return new Request.Builder().url(discord.apiUrl() + path).header("Authorization", "Bot " + TOKEN);
    }

    private Response call(Request.Builder request) throws Exception {
        return client.newCall(request.build()).execute();
    }

    private JsonNode op(String frame) throws Exception {
        assertThat(frame).as("a gateway frame").isNotNull();
        return mapper.readTree(frame);
    }
}
