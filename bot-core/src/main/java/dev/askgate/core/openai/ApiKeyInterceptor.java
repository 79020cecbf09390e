package dev.askgate.core.openai;

import dev.askgate.core.key.ApiKey;
import dev.askgate.core.key.KeyGeneration;
import dev.askgate.core.key.KeySource;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.Objects;

/**
 * The one place the OpenAI key is attached: {@code Authorization: Bearer}, plus {@code OpenAI-Organization} and
 * {@code OpenAI-Project} when configured. It tags each request with the key's {@link KeyGeneration} so that a
 * 401 is blamed on the key that was actually sent.
 */
final class ApiKeyInterceptor implements Interceptor {
    private final KeySource keys;
    private final String orgId;
    private final String projectId;

    ApiKeyInterceptor(KeySource keys, String orgId, String projectId) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.orgId = orgId == null ? "" : orgId;
        this.projectId = projectId == null ? "" : projectId;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        ApiKey key = keys.current();
        Request.Builder request = chain.request().newBuilder()
                .header("Authorization", "Bearer " + key.secret().value())
                .tag(KeyGeneration.class, key.generation());
        if (!orgId.isEmpty()) request.header("OpenAI-Organization", orgId);
        if (!projectId.isEmpty()) request.header("OpenAI-Project", projectId);
        return chain.proceed(request.build());
    }

    @Override
    public String toString() {
        return "ApiKeyInterceptor[" + keys.generation() + "]";
    }
}
