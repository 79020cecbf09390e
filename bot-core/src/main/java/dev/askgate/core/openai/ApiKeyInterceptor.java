package dev.askgate.core.openai;

import dev.askgate.core.key.ApiKey;
import dev.askgate.core.key.KeyGeneration;
import dev.askgate.core.key.KeySource;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

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

    /**
     * Sends the request with the current key. A 401 asks the key source to look once more (a key file rewritten
     * just now, a rotation racing this call); with a newer key the request is sent once again, so that nobody is
     * told of a rejected key that was already replaced.
     */
    @Override
    public Response intercept(Chain chain) throws IOException {
        ApiKey key = keys.current();
        Response response = chain.proceed(withKey(chain.request(), key));
        if (response.code() != 401) return response;
        Optional<ApiKey> newer = keys.afterRejection(key.generation());
        if (newer.isEmpty()) return response;
        response.close();
        return chain.proceed(withKey(chain.request(), newer.get()));
    }

    private Request withKey(Request original, ApiKey key) {
        Request.Builder request = original.newBuilder()
                .header("Authorization", "Bearer " + key.secret().value())
                .tag(KeyGeneration.class, key.generation());
        if (!orgId.isEmpty()) request.header("OpenAI-Organization", orgId);
        if (!projectId.isEmpty()) request.header("OpenAI-Project", projectId);
        return request.build();
    }

    @Override
    public String toString() {
        return "ApiKeyInterceptor[" + keys.generation() + "]";
    }
}
