package dev.askgate.core;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.knuddels.jtokkit.Encodings;
import dev.askgate.core.config.Settings;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.guard.SecretGuard;
import dev.askgate.core.key.KeySource;
import dev.askgate.core.openai.OpenAiChatModel;
import dev.askgate.core.openai.OpenAiConfig;
import dev.askgate.testkit.openai.FakeOpenAi;
import okhttp3.OkHttpClient;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real answer chain over real sockets, as the launcher builds it from variables: FakeOpenAi, OpenAiChatModel
 * (no waits between retries) and ChatService. Closing it closes the fake, the key sources and the client.
 */
final class OpenAiChain implements AutoCloseable {
    static final ChatConfig SETTINGS = new ChatConfig("gpt-6-luna", ChatConfig.DEFAULT_SYSTEM_PROMPT, 8000, 500);

    final FakeOpenAi fake = new FakeOpenAi();
    private final OkHttpClient http = new OkHttpClient();
    private final List<KeySource> opened = new ArrayList<>();
    private final String key;

    OpenAiChain(String key) {
        this.key = key;
    }

    /** A service configured with {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL} and {@code variables}. */
    ChatService service(Map<String, String> variables) throws IOException {
        Map<String, String> env = new HashMap<>(variables);
        env.put("OPENAI_API_KEY", key);
        env.put("OPENAI_BASE_URL", fake.baseUrl());
        Settings settings = new Settings(env);
        OpenAiConfig config = OpenAiConfig.from(settings);
        assertThat(settings.problems()).isEmpty();
        KeySource keys = config.key().open();
        opened.add(keys);
        OpenAiChatModel model = new OpenAiChatModel(http, new ObjectMapper(), config, keys, Clock.systemUTC(),
                delay -> { });
        return new ChatService(model, SETTINGS, new SecretGuard(),
                new ContextWindow(SETTINGS, Encodings.newLazyEncodingRegistry()), keys::appearsIn);
    }

    @Override
    public void close() {
        fake.close();
        opened.forEach(KeySource::close);
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
