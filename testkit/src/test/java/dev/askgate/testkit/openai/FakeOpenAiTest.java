package dev.askgate.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FakeOpenAiTest {
    private static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeOpenAi fake = new FakeOpenAi();
    private final OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();

    @AfterEach
    void close() {
        fake.close();
    }

    @Test
    void streamsChunksThenUsageThenDone() throws IOException {
        fake.enqueue(FakeOpenAi.answer("Hello there friend").usage(12, 4, 3));

        try (Response response = http.newCall(chat(true, true)).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("content-type")).startsWith("text/event-stream");
            assertThat(response.header("x-request-id")).isEqualTo(fake.lastRequest().answeredRequestId());
            List<String> data = dataLines(response.body().string());
            assertThat(data.getLast()).isEqualTo("[DONE]");
            JsonNode usageChunk = JSON.readTree(data.get(data.size() - 2));
            assertThat(usageChunk.path("choices")).isEmpty();
            assertThat(usageChunk.path("usage").path("prompt_tokens").asInt()).isEqualTo(12);
            assertThat(usageChunk.path("usage").path("prompt_tokens_details").path("cached_tokens").asInt()).isEqualTo(4);
            StringBuilder text = new StringBuilder();
            for (String line : data.subList(0, data.size() - 2)) {
                text.append(JSON.readTree(line).path("choices").path(0).path("delta").path("content").asText(""));
            }
            assertThat(text).hasToString("Hello there friend");
        }
        assertThat(fake.lastRequest().bearerKey()).isEqualTo(KEY);
        assertThat(fake.lastRequest().messageContents()).containsExactly("Be brief.", "Hi");
    }

    @Test
    void answersWithOneJsonDocumentWhenNotStreaming() throws IOException {
        fake.answerAlways("Plain answer");

        try (Response response = http.newCall(chat(false, false)).execute()) {
            JsonNode body = JSON.readTree(response.body().string());
            assertThat(body.path("choices").path(0).path("message").path("content").asText()).isEqualTo("Plain answer");
            assertThat(body.path("usage").path("completion_tokens").asInt()).isEqualTo(2);
            assertThat(body.path("model").asText()).isEqualTo("gpt-6-luna");
        }
    }

    @Test
    void sendsRateLimitErrorsWithRealBodyAndHeaders() throws IOException {
        fake.enqueue(FakeOpenAi.rateLimited().retryAfter(Duration.ofMillis(1500)).retryAfterSeconds(2));

        try (Response response = http.newCall(chat(true, true)).execute()) {
            assertThat(response.code()).isEqualTo(429);
            assertThat(response.header("retry-after-ms")).isEqualTo("1500");
            assertThat(response.header("retry-after")).isEqualTo("2");
            assertThat(response.header("x-ratelimit-remaining-tokens")).isEqualTo("0");
            JsonNode error = JSON.readTree(response.body().string()).path("error");
            assertThat(error.path("code").asText()).isEqualTo("rate_limit_exceeded");
            assertThat(error.path("message").asText()).contains("gpt-6-luna");
            assertThat(error.has("param")).isTrue();
        }
    }

    @Test
    void rejectsKeysItWasNotToldToAcceptWithoutUsingTheQueue() throws IOException {
        fake.acceptOnlyKeys("sk-proj-FAKE-other-key-0000").enqueue(FakeOpenAi.answer("queued"));

        try (Response response = http.newCall(chat(false, false)).execute()) {
            assertThat(response.code()).isEqualTo(401);
            String body = response.body().string();
            assertThat(body).contains("invalid_api_key").doesNotContain(KEY);
        }
        fake.acceptOnlyKeys(KEY);
        try (Response response = http.newCall(chat(false, false)).execute()) {
            assertThat(response.body().string()).contains("queued");
        }
        assertThat(fake.keysSeen()).containsExactly(KEY, KEY);
    }

    @Test
    void breaksTheConnectionWhenTheStreamIsCut() throws IOException {
        fake.enqueue(FakeOpenAi.answer("one two three four").cutAfter(2));

        try (Response response = http.newCall(chat(true, true)).execute()) {
            assertThat(response.code()).isEqualTo(200);
            assertThatThrownBy(() -> response.body().string()).isInstanceOf(IOException.class);
        }
    }

    @Test
    void listsModelsAndAnswersUnknownPathsWith404() throws IOException {
        fake.models("gpt-6-luna");
        Request models = new Request.Builder().url(fake.baseUrl() + "/models").header("Authorization", "Bearer " + KEY).build();
        try (Response response = http.newCall(models).execute()) {
            assertThat(JSON.readTree(response.body().string()).path("data").path(0).path("id").asText()).isEqualTo("gpt-6-luna");
        }
        Request unknown = new Request.Builder().url(fake.baseUrl() + "/nothing").header("Authorization", "Bearer " + KEY).build();
        try (Response response = http.newCall(unknown).execute()) {
            assertThat(response.code()).isEqualTo(404);
            assertThat(response.header("x-request-id")).startsWith("req_");
        }
        assertThat(fake.takeRequest(Duration.ofSeconds(5)).path()).isEqualTo("/v1/models");
        assertThat(fake.requestCount()).isEqualTo(2);
    }

    @Test
    void servesShutdownDatesAbsentNullOrSetAndOneModelByItsId() throws IOException {
        fake.models(FakeModel.listed("local-llama"), FakeModel.withoutShutdown("gpt-6-luna"),
                FakeModel.shutsDownOn("gpt-4.1-mini", LocalDate.of(2027, 1, 14)));

        JsonNode data = JSON.readTree(get("/models")).path("data");
        JsonNode one = JSON.readTree(get("/models/gpt-4.1-mini"));

        assertThat(data.path(0).has("shutdown_date")).isFalse();
        assertThat(data.path(1).path("shutdown_date").isNull()).isTrue();
        assertThat(data.path(2).path("shutdown_date").asText()).isEqualTo("2027-01-14");
        assertThat(one.path("id").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(one.path("shutdown_date").asText()).isEqualTo("2027-01-14");
        assertThat(JSON.readTree(get("/models/gpt-0-gone")).path("error").path("code").asText())
                .isEqualTo("model_not_found");
    }

    @Test
    void aModelPastItsShutdownDateAnswers404ModelNotFound() throws IOException {
        fake.models(FakeModel.shutsDownOn("gpt-6-luna", LocalDate.of(2026, 1, 1)));

        try (Response response = http.newCall(chat(true, true)).execute()) {
            assertThat(response.code()).isEqualTo(404);
            assertThat(JSON.readTree(response.body().string()).path("error").path("code").asText())
                    .isEqualTo("model_not_found");
        }
    }

    @Test
    void reportsCacheWritesAndReasoningInTheUsageChunkOrNoUsageAtAll() throws IOException {
        fake.enqueue(FakeOpenAi.answer("Hi").usage(100, 40, 30).usageDetails(20, 25),
                FakeOpenAi.answer("Hi").withoutUsage());

        JsonNode usage;
        try (Response response = http.newCall(chat(true, true)).execute()) {
            List<String> data = dataLines(response.body().string());
            usage = JSON.readTree(data.get(data.size() - 2)).path("usage");
        }
        try (Response response = http.newCall(chat(true, true)).execute()) {
            assertThat(response.body().string()).doesNotContain("prompt_tokens");
        }

        assertThat(usage.path("prompt_tokens").asInt()).isEqualTo(100);
        assertThat(usage.path("prompt_tokens_details").path("cached_tokens").asInt()).isEqualTo(40);
        assertThat(usage.path("prompt_tokens_details").path("cache_write_tokens").asInt()).isEqualTo(20);
        assertThat(usage.path("completion_tokens_details").path("reasoning_tokens").asInt()).isEqualTo(25);
    }

    private String get(String path) throws IOException {
        Request request = new Request.Builder().url(fake.baseUrl() + path).header("Authorization", "Bearer " + KEY)
                .build();
        try (Response response = http.newCall(request).execute()) {
            return response.body().string();
        }
    }

    @Test
    void dropsTheConnectionWhenToldTo() {
        fake.enqueue(FakeOpenAi.connectionDropped());
        assertThatThrownBy(() -> http.newCall(chat(false, false)).execute().close()).isInstanceOf(IOException.class);
    }

    private Request chat(boolean stream, boolean includeUsage) {
        var body = JSON.createObjectNode().put("model", "gpt-6-luna").put("stream", stream);
        var messages = body.putArray("messages");
        messages.addObject().put("role", "system").put("content", "Be brief.");
        messages.addObject().put("role", "user").put("content", "Hi");
        if (includeUsage) body.putObject("stream_options").put("include_usage", true);
        return new Request.Builder()
                .url(fake.baseUrl() + "/chat/completions")
                .header("Authorization", "Bearer " + KEY)
                .post(RequestBody.create(body.toString(), MediaType.get("application/json")))
                .build();
    }

    private static List<String> dataLines(String sse) {
        List<String> out = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ")) out.add(line.substring("data: ".length()));
        }
        return out;
    }
}
