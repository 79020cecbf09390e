package dev.askgate.core.openai;

import dev.askgate.core.guard.ShownText;
import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;
import java.util.List;

/**
 * Replaces the response headers that Askgate shows ({@code x-request-id} in logs, error texts, {@code /readyz} and
 * replies) by their {@link ShownText#header shown} form as soon as a response arrives, so that every reader of
 * them gets a bounded, plain value without the key: an endpoint or proxy may echo the key in them.
 */
final class ShownResponseHeaders implements Interceptor {
    static final List<String> SHOWN = List.of("x-request-id");

    private final ShownText shown;

    ShownResponseHeaders(ShownText shown) {
        this.shown = shown;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        Response.Builder scrubbed = null;
        for (String name : SHOWN) {
            String raw = response.header(name);
            if (raw == null) continue;
            String safe = shown.header(raw);
            if (safe.equals(raw)) continue;
            if (scrubbed == null) scrubbed = response.newBuilder();
            scrubbed.header(name, safe);
        }
        return scrubbed == null ? response : scrubbed.build();
    }
}
