package dev.askgate.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The few Web API calls Askgate makes, with the bot token, over Bolt's client. A 429 is waited out
 * ({@code Retry-After}, a few times at most, reported to {@code onRateLimit} so that the edit pacer backs off
 * too); any other failure becomes a {@link SlackCallFailed} carrying Slack's error code.
 * Calls block: run them on virtual threads.
 */
final class SlackWebApi {
    private static final Logger log = LoggerFactory.getLogger(SlackWebApi.class);
    private static final int RATE_LIMIT_RETRIES = 3;
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(30);

    private final Slack slack;
    private final MethodsClient methods;
    private final BiConsumer<String, Duration> onRateLimit;

    /** A call of the Web API that may throw what Bolt's client throws. */
    @FunctionalInterface
    private interface Call<T extends SlackApiTextResponse> {
        T run() throws IOException, SlackApiException;
    }

    /**
     * @param onRateLimit told (method, wait) about every 429, before the wait
     */
    SlackWebApi(Slack slack, String botToken, BiConsumer<String, Duration> onRateLimit) {
        this.slack = slack;
        this.methods = slack.methods(botToken);
        this.onRateLimit = onRateLimit;
    }

    /** Checks the bot token ({@code auth.test}); a refusal or an unreachable Slack is a {@link SlackCallFailed}. */
    void authTest() {
        call("auth.test", () -> methods.authTest(req -> req));
    }

    /** Posts {@code text} (mrkdwn) in {@code channel}, in the thread {@code threadTs} when not empty; returns its ts. */
    String postMessage(String channel, String threadTs, String text) {
        ChatPostMessageResponse r = call("chat.postMessage", () -> methods.chatPostMessage(req -> {
            req.channel(channel).text(text).mrkdwn(true).unfurlLinks(false).unfurlMedia(false);
            if (threadTs != null && !threadTs.isEmpty()) req.threadTs(threadTs);
            return req;
        }));
        return r.getTs();
    }

    void update(String channel, String ts, String text) {
        call("chat.update", () -> methods.chatUpdate(req -> req.channel(channel).ts(ts).text(text)));
    }

    /** A message only {@code user} sees, in {@code channel} (and in the thread {@code threadTs} when not empty). */
    void postEphemeral(String channel, String user, String threadTs, String text) {
        call("chat.postEphemeral", () -> methods.chatPostEphemeral(req -> {
            req.channel(channel).user(user).text(text);
            if (threadTs != null && !threadTs.isEmpty()) req.threadTs(threadTs);
            return req;
        }));
    }

    /** The messages of a thread, root first, oldest first (up to 200 — the core trims to the model's budget). */
    List<Message> replies(String channel, String threadTs) {
        List<Message> all = new ArrayList<>();
        String cursor = null;
        do {
            String page = cursor;
            ConversationsRepliesResponse r = call("conversations.replies", () -> methods.conversationsReplies(req -> {
                req.channel(channel).ts(threadTs).limit(200);
                if (page != null) req.cursor(page);
                return req;
            }));
            if (r.getMessages() != null) all.addAll(r.getMessages());
            cursor = r.getResponseMetadata() == null ? null : r.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty() && all.size() < 1000);
        return all;
    }

    /** Answers through a slash command's {@code response_url}, visible only to the person who asked. */
    void respondEphemeral(String responseUrl, String text) {
        try (okhttp3.Response r = slack.getHttpClient().postJsonBody(responseUrl,
                Map.of("response_type", "ephemeral", "text", text, "replace_original", false))) {
            if (!r.isSuccessful()) throw new SlackCallFailed("response_url", "http_" + r.code());
        } catch (IOException e) {
            throw new SlackCallFailed("response_url", "network");
        }
    }

    private <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
        for (int attempt = 0; ; attempt++) {
            try {
                T response = call.run();
                if (!response.isOk()) throw new SlackCallFailed(method, response.getError());
                return response;
            } catch (SlackApiException e) {
                if (e.getResponse() == null || e.getResponse().code() != 429) {
                    String code = e.getError() != null ? e.getError().getError() : null;
                    throw new SlackCallFailed(method, code != null ? code : "http_" + (e.getResponse() == null ? 0 : e.getResponse().code()));
                }
                Duration wait = retryAfter(e.getResponse().header("Retry-After"));
                onRateLimit.accept(method, wait);
                if (attempt >= RATE_LIMIT_RETRIES) throw new SlackCallFailed(method, "ratelimited");
                log.info("platform=slack {} rate limited; retrying in {} ms", method, wait.toMillis());
                sleep(wait);
            } catch (IOException e) {
                throw new SlackCallFailed(method, "network");
            }
        }
    }

    private static Duration retryAfter(String header) {
        try {
            long seconds = header == null ? 1 : Long.parseLong(header.trim());
            Duration wait = Duration.ofSeconds(Math.max(1, seconds));
            return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed("sleep", "interrupted");
        }
    }
}
