package dev.askgate.core.openai;

import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Set;

/**
 * Looks once more, at once, when a GET (the readiness check's {@code /models}) meets a transient failure: a broken
 * connection or 408, 500, 502, 503, 504. One such blip must not turn {@code /readyz} 503 for a whole check
 * interval; a GET changes nothing, so trying it again is safe. A timeout is not repeated (the check would then
 * take twice as long), and chat completions keep {@link RetryPolicy}'s counted retries.
 */
final class CheckRetry implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger(CheckRetry.class);
    private static final Set<Integer> TRANSIENT = Set.of(408, 500, 502, 503, 504);

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (!"GET".equals(chain.request().method())) return chain.proceed(chain.request());
        try {
            Response response = chain.proceed(chain.request());
            if (!TRANSIENT.contains(response.code())) return response;
            log.debug("GET {} answered {}; looking once more", chain.request().url().encodedPath(), response.code());
            response.close();
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            if (chain.call().isCanceled()) throw e;
            log.debug("GET {} failed ({}); looking once more", chain.request().url().encodedPath(),
                    e.getClass().getSimpleName());
        }
        return chain.proceed(chain.request());
    }
}
