package dev.askgate.core.openai;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;

/**
 * Sends a request again at once when it failed on a pooled connection before any response came back: the server
 * had closed that idle connection, so nothing reached its handler and the new attempt is not a duplicate. OkHttp's
 * own silent retry is off (it would also resend after a response was lost); this one is narrow, logged at DEBUG
 * and costs no back-off wait. A failure on a new connection, a timeout or a failure after the response headers is
 * left to {@link RetryPolicy}.
 */
final class StaleConnectionRetry implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger(StaleConnectionRetry.class);
    /** Other pooled connections may be stale too; each fails at once, so a few tries cost nothing. */
    static final int MAX_FRESH_TRIES = 3;

    @Override
    public Response intercept(Chain chain) throws IOException {
        Attempts attempts = new Attempts();
        chain.call().addEventListener(attempts);
        for (int tries = 0; ; tries++) {
            attempts.begin();
            try {
                return chain.proceed(chain.request());
            } catch (IOException e) {
                if (tries >= MAX_FRESH_TRIES || !attempts.staleConnection() || e instanceof InterruptedIOException
                        || chain.call().isCanceled()) {
                    throw e;
                }
                log.debug("{} {} failed on a pooled connection before any response ({}); sending it again at once",
                        chain.request().method(), chain.request().url().encodedPath(), e.getClass().getSimpleName());
            }
        }
    }

    /** What the current attempt of one call did: opened a connection of its own, got response headers. */
    private static final class Attempts extends EventListener {
        private volatile boolean connected;
        private volatile boolean answered;

        void begin() {
            connected = false;
            answered = false;
        }

        /** Reused a pooled connection and had no response from it. */
        boolean staleConnection() {
            return !connected && !answered;
        }

        @Override
        public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            connected = true;
        }

        @Override
        public void responseHeadersEnd(Call call, Response response) {
            answered = true;
        }
    }
}
