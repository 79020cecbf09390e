package dev.askgate.discord;

import dev.askgate.core.render.EditPacer;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Watches JDA's REST traffic for Discord's rate-limit signals on a channel's messages (a 429, or a bucket with
 * nothing remaining) and tells the shared {@link EditPacer}, so that the edits of every reply in that channel
 * wait too instead of queueing into the limit. JDA itself retries the limited request.
 */
final class RateLimitObserver implements Interceptor {
    private static final Logger log = LoggerFactory.getLogger(RateLimitObserver.class);
    private static final Pattern CHANNEL_MESSAGES = Pattern.compile(".*/channels/(\\d+)/messages.*");

    private final EditPacer pacer;

    RateLimitObserver(EditPacer pacer) {
        this.pacer = pacer;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        var matcher = CHANNEL_MESSAGES.matcher(chain.request().url().encodedPath());
        if (!matcher.matches()) return response;
        String channelId = matcher.group(1);
        if (response.code() == 429) {
            Duration wait = seconds(response.header("X-RateLimit-Reset-After"), response.header("Retry-After"));
            log.info("platform=discord channel={} rate limited by Discord for {} ms (scope {})", channelId,
                    wait.toMillis(), response.header("X-RateLimit-Scope", "unknown"));
            pacer.backOff(channelId, wait);
        } else if ("0".equals(response.header("X-RateLimit-Remaining"))) {
            pacer.backOff(channelId, seconds(response.header("X-RateLimit-Reset-After"), null));
        }
        return response;
    }

    private static Duration seconds(String precise, String whole) {
        for (String value : new String[] {precise, whole}) {
            if (value == null) continue;
            try {
                return Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
            } catch (NumberFormatException ignored) {
                // try the next header
            }
        }
        return Duration.ofSeconds(1);
    }
}
