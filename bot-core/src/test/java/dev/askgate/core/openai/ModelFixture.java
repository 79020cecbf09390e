package dev.askgate.core.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.Turn;
import dev.askgate.core.config.Secret;
import dev.askgate.core.key.FixedKeySource;
import dev.askgate.core.key.KeySource;
import dev.askgate.core.key.KeySpec;
import dev.askgate.core.model.ModelRequest;
import dev.askgate.testkit.openai.FakeOpenAi;
import okhttp3.OkHttpClient;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** A FakeOpenAi and an OpenAiChatModel pointed at it, with a recording sleeper and a fixed clock. */
final class ModelFixture implements AutoCloseable {
    static final String KEY = "sk-proj-FAKE0000test0000key0000notreal";
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    final FakeOpenAi fake = new FakeOpenAi();
    final RecordingSleeper sleeper = new RecordingSleeper();
    final OkHttpClient shared = new OkHttpClient();
    final ObjectMapper json = new ObjectMapper();

    OpenAiConfig config(Duration timeout, int maxRetries, String org, String project) {
        return new OpenAiConfig(URI.create(fake.baseUrl()), "gpt-6-luna", org, project, timeout, maxRetries,
                new KeySpec.FromValue(new Secret(KEY)));
    }

    OpenAiChatModel model() {
        return model(Duration.ofSeconds(10), 2);
    }

    OpenAiChatModel model(Duration timeout, int maxRetries) {
        return model(config(timeout, maxRetries, "", ""), new FixedKeySource(new Secret(KEY)));
    }

    OpenAiChatModel model(OpenAiConfig config, KeySource keys) {
        return new OpenAiChatModel(shared, json, config, keys, Clock.fixed(NOW, ZoneOffset.UTC), sleeper);
    }

    static ModelRequest question(String text) {
        return new ModelRequest("ask-1", "gpt-6-luna", List.of(Turn.system("Be brief."), Turn.user(text)));
    }

    @Override
    public void close() {
        fake.close();
        shared.dispatcher().executorService().shutdown();
        shared.connectionPool().evictAll();
    }
}
