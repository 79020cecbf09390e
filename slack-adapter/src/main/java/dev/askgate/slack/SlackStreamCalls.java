package dev.askgate.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.model.assistant.SuggestedPrompt;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * Slack's AI-app calls, with the retry rules each one needs. A stream's start and its appends are not
 * idempotent — a start sent twice opens two messages, an append sent twice shows its text twice — so they are
 * resent only when Slack surely did not act (a 429, {@code ratelimited}, a connection that never opened); when
 * the outcome is unknown the call fails with {@link #OUTCOME_UNKNOWN} and the caller recovers without resending.
 * A start is tried once: Tier 2 allows about 20 a minute per workspace, so a refused or rate-limited start is
 * answered at once with {@link Start.Refused} and the answer falls back to posted and updated messages.
 * The status calls are best-effort: one attempt, and a failure is reported, never thrown.
 */
final class SlackStreamCalls {
    /** The code of a failed append or stop that Slack may or may not have carried out. */
    static final String OUTCOME_UNKNOWN = "outcome_unknown";

    /** The per-answer calls, read without the SDK's per-response Gson. */
    private final ChatMethods chat;
    /** The rare calls (a panel thread's title and prompts), through the SDK. */
    private final MethodsClient methods;
    private final WebApiRetry retry;

    /** How a stream's start went. */
    sealed interface Start {
        /** The stream is open as the thread reply {@code ts}. */
        record Started(String ts) implements Start { }

        /** Slack did not open it; {@code error} is Slack's code ({@code ratelimited}, {@code missing_recipient_user_id}, ...). */
        record Refused(String error) implements Start { }
    }

    SlackStreamCalls(Slack slack, String botToken, WebApiRetry retry) {
        this.methods = Objects.requireNonNull(slack, "slack").methods(botToken);
        this.chat = new ChatMethods(slack, botToken);
        this.retry = Objects.requireNonNull(retry, "retry");
    }

    /**
     * Opens a stream as a reply in {@code threadTs}; in a channel (not a direct message) Slack needs the person
     * it is for, {@code recipientUser} of {@code recipientTeam}. {@code markdown} may be empty.
     */
    Start start(String channel, String threadTs, String recipientUser, String recipientTeam, String markdown) {
        boolean direct = channel.startsWith("D");
        try {
            return new Start.Started(chat.startStream(channel, threadTs, direct ? null : recipientUser,
                    direct ? null : recipientTeam, markdown));
        } catch (SlackCallFailed e) {
            return new Start.Refused(code(e.error()));
        } catch (SlackApiException e) {
            int status = e.getResponse() == null ? 0 : e.getResponse().code();
            return new Start.Refused(status == 429 ? "ratelimited" : "http_" + status);
        } catch (IOException e) {
            return new Start.Refused("network");
        }
    }

    /** Appends {@code markdown} (at most 12,000 characters) to the open stream {@code ts}. */
    void append(String channel, String ts, String markdown) {
        retry.call("chat.appendStream", false, wait -> { }, unknown -> {
            if (unknown) throw new SlackCallFailed("chat.appendStream", OUTCOME_UNKNOWN);
            chat.appendStream(channel, ts, markdown);
            return null;
        });
    }

    /** Ends the stream {@code ts} with its last {@code markdown} (may be empty) and {@code blocksJson} (may be null). */
    void stop(String channel, String ts, String markdown, String blocksJson) {
        retry.call("chat.stopStream", false, wait -> { }, unknown -> {
            if (unknown) throw new SlackCallFailed("chat.stopStream", OUTCOME_UNKNOWN);
            chat.stopStream(channel, ts, markdown, blocksJson);
            return null;
        });
    }

    /**
     * Shows {@code status} (empty clears it) with {@code loadingMessages} under the thread; returns Slack's error
     * code when it did not take it, empty when it did.
     */
    String setStatus(String channel, String threadTs, String status, List<String> loadingMessages) {
        return bestEffort(() -> chat.setStatus(channel, threadTs, status, loadingMessages));
    }

    /** Sets an assistant thread's title; returns Slack's error code, empty when it took it. */
    String setTitle(String channel, String threadTs, String title) {
        return bestEffort(() -> WebApiRetry.ok("assistant.threads.setTitle",
                methods.assistantThreadsSetTitle(req -> req.channelId(channel).threadTs(threadTs).title(title))));
    }

    /**
     * Sets the suggested prompts of an assistant thread, under {@code title} (none when empty); returns Slack's
     * error code, empty when it took them.
     */
    String setSuggestedPrompts(String channel, String threadTs, String title, List<SlackAssistantConfig.Prompt> prompts) {
        List<SuggestedPrompt> suggested = prompts.stream()
                .map(p -> new SuggestedPrompt(p.title(), p.message())).toList();
        return bestEffort(() -> WebApiRetry.ok("assistant.threads.setSuggestedPrompts",
                methods.assistantThreadsSetSuggestedPrompts(req -> {
                    req.channelId(channel).threadTs(threadTs).prompts(suggested);
                    if (!title.isEmpty()) req.title(title);
                    return req;
                })));
    }

    private interface Call {
        void run() throws IOException, SlackApiException;
    }

    private static String bestEffort(Call call) {
        try {
            call.run();
            return "";
        } catch (SlackCallFailed e) {
            return e.error();
        } catch (SlackApiException e) {
            return e.getResponse() == null ? "unknown" : "http_" + e.getResponse().code();
        } catch (IOException e) {
            return "network";
        }
    }

    private static String code(String error) {
        return error == null || error.isBlank() ? "unknown" : error;
    }
}
