package dev.askgate.slack;

import com.slack.api.Slack;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsRepliesResponse;
import com.slack.api.model.Message;
import dev.askgate.core.render.EditPacer;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The few Web API calls Askgate makes, with the bot token, over Bolt's client ({@code chat.postMessage} and
 * {@code chat.update} through {@link ChatMethods}, over the same HTTP stack). Every call goes through
 * {@link WebApiRetry} (transient failures retried, a post never resent blindly); {@code chat.postMessage} is
 * paced per channel ({@code posts}, about one a second as Slack allows), and a rate-limit answer holds back
 * that channel's posts or the workspace's updates ({@code updates}) too. A failure that remains becomes a
 * {@link SlackCallFailed} carrying Slack's error code. Calls block: run them on virtual threads.
 */
final class SlackWebApi {
    /** What marks Askgate's posts in their metadata, so that a post whose answer was lost can be found. */
    static final String MARKER_EVENT = "askgate_post";
    /**
     * The longest a post may wait for its channel's turn. Beyond it the channel's backlog is refused rather than
     * grown: at one post a second, five minutes is 300 posts queued in one channel, and no more waiting answers
     * (threads, texts) than that per channel stay in memory.
     */
    static final Duration LONGEST_POST_WAIT = Duration.ofMinutes(5);
    /** Replies of a thread kept for its history (the core trims them to the model's budget). */
    static final int THREAD_KEPT = 1_000;
    /**
     * Pages of 200 read at most: a thread of over 5,000 replies is read only that far (its newest then go unseen),
     * so that one question costs at most this many calls of {@code conversations.replies}' Tier 3 budget.
     */
    static final int THREAD_PAGES = 25;

    private final Slack slack;
    private final MethodsClient methods;
    private final ChatMethods chat;
    private final WebApiRetry retry;
    private final EditPacer posts;
    private final EditPacer updates;
    private final Duration longestPostWait;
    private volatile String team = "";

    /**
     * @param posts   books {@code chat.postMessage} per channel
     * @param updates the core's pacer of {@code chat.update} per workspace; told of Slack's 429s
     */
    SlackWebApi(Slack slack, String botToken, WebApiRetry retry, EditPacer posts, EditPacer updates) {
        this(slack, botToken, retry, posts, updates, LONGEST_POST_WAIT);
    }

    SlackWebApi(Slack slack, String botToken, WebApiRetry retry, EditPacer posts, EditPacer updates,
                Duration longestPostWait) {
        this.longestPostWait = longestPostWait;
        this.slack = slack;
        this.methods = slack.methods(botToken);
        this.chat = new ChatMethods(slack, botToken);
        this.retry = retry;
        this.posts = posts;
        this.updates = updates;
    }

    /** Checks the bot token ({@code auth.test}); a refusal or an unreachable Slack is a {@link SlackCallFailed}. */
    void authTest() {
        var r = retry.call("auth.test", true, wait -> { },
                unknown -> WebApiRetry.ok("auth.test", methods.authTest(req -> req)));
        team = r.getTeamId() == null ? "" : r.getTeamId();
    }

    /** The key of this workspace's {@code chat.update} budget: one bot token is one workspace. */
    String workspaceKey(String teamId) {
        return "slack:" + (teamId == null || teamId.isEmpty() ? team : teamId);
    }

    /**
     * Posts {@code text} (mrkdwn) in {@code channel}, in the thread {@code threadTs} when not empty; returns its ts.
     * The post carries a random marker in its metadata: when an attempt's outcome is unknown, the next one looks
     * for a message with that marker first and returns it instead of posting twice.
     */
    String postMessage(String channel, String threadTs, String text) {
        return postMessage(channel, threadTs, text, null);
    }

    /**
     * Posts {@code markdown} (Markdown, as native streams show it) as a {@code markdown} block in the thread
     * {@code threadTs}: a part of a streamed answer that could not stream. Returns its ts.
     */
    String postMarkdown(String channel, String threadTs, String markdown) {
        return postMessage(channel, threadTs, MarkdownBlock.fallbackText(markdown), MarkdownBlock.json(markdown));
    }

    /** Replaces the content of message {@code ts} (a stream that was stopped) with {@code markdown} as a block. */
    void updateMarkdown(String workspaceKey, String channel, String ts, String markdown) {
        String blocks = MarkdownBlock.json(markdown);
        retry.call("chat.update", true, wait -> updates.backOff(workspaceKey, wait), unknown -> {
            chat.update(channel, ts, MarkdownBlock.fallbackText(markdown), blocks);
            return null;
        });
    }

    private String postMessage(String channel, String threadTs, String text, String blocksJson) {
        String marker = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36); // [0-9a-z]: safe in JSON
        String metadata = "{\"event_type\":\"" + MARKER_EVENT + "\",\"event_payload\":{\"post\":\"" + marker + "\"}}";
        return retry.call("chat.postMessage", false, wait -> posts.backOff(channel, wait), unknown -> {
            if (unknown) {
                Optional<String> earlier = findPosted(channel, threadTs, marker);
                if (earlier.isPresent()) return earlier.get();
            }
            Duration turn = posts.reserveFinalEdit(channel, marker);
            if (turn.compareTo(longestPostWait) > 0) {
                posts.cancelEdit(channel, marker);
                throw new SlackCallFailed("chat.postMessage", "backlog");
            }
            try {
                sleep(turn);
                return chat.postMessage(channel, threadTs, text, blocksJson, metadata);
            } finally {
                posts.forget(marker); // the booking stays counted; only its key, which nothing edits, goes
            }
        });
    }

    /** Replaces the text of message {@code ts}; idempotent, so simply retried. */
    void update(String workspaceKey, String channel, String ts, String text) {
        retry.call("chat.update", true, wait -> updates.backOff(workspaceKey, wait),
                unknown -> {
                    chat.update(channel, ts, text, null);
                    return null;
                });
    }

    /** A message only {@code user} sees, in {@code channel} (and in the thread {@code threadTs} when not empty). */
    void postEphemeral(String channel, String user, String threadTs, String text) {
        // Not idempotent, but private and not findable: a rare second copy is better than no word at all.
        retry.call("chat.postEphemeral", true, wait -> { }, unknown -> WebApiRetry.ok("chat.postEphemeral",
                methods.chatPostEphemeral(req -> {
                    req.channel(channel).user(user).text(text);
                    if (threadTs != null && !threadTs.isEmpty()) req.threadTs(threadTs);
                    return req;
                })));
    }

    /**
     * The messages of a thread, oldest first: the root and the newest {@link #THREAD_KEPT} replies of at most
     * {@link #THREAD_PAGES} pages. Slack pages a thread from its root onwards, and in a long one the turns that
     * matter are the newest (the question's context; the core trims the rest to the model's budget), as is a
     * post whose outcome was unknown and that a retry looks for: so every page is read and only the newest kept.
     */
    List<Message> replies(String channel, String threadTs) {
        Message root = null;
        ArrayDeque<Message> newest = new ArrayDeque<>();
        String cursor = null;
        int pages = 0;
        do {
            String page = cursor;
            ConversationsRepliesResponse r = retry.call("conversations.replies", true, wait -> { },
                    unknown -> WebApiRetry.ok("conversations.replies", methods.conversationsReplies(req -> {
                        req.channel(channel).ts(threadTs).limit(200).includeAllMetadata(true);
                        if (page != null) req.cursor(page);
                        return req;
                    })));
            for (Message m : r.getMessages() == null ? List.<Message>of() : r.getMessages()) {
                if (threadTs.equals(m.getTs())) {
                    if (root == null) root = m; // a page may begin with the root again
                    continue;
                }
                newest.addLast(m);
                if (newest.size() > THREAD_KEPT) newest.removeFirst();
            }
            pages++;
            cursor = r.getResponseMetadata() == null ? null : r.getResponseMetadata().getNextCursor();
        } while (cursor != null && !cursor.isEmpty() && pages < THREAD_PAGES);
        List<Message> thread = new ArrayList<>(newest.size() + 1);
        if (root != null) thread.add(root);
        thread.addAll(newest);
        return thread;
    }

    /** Answers through a slash command's {@code response_url}, visible only to the person who asked. */
    void respondEphemeral(String responseUrl, String text) {
        retry.call("response_url", true, wait -> { }, unknown -> {
            try (okhttp3.Response r = slack.getHttpClient().postJsonBody(responseUrl,
                    Map.of("response_type", "ephemeral", "text", text, "replace_original", false))) {
                if (r.code() >= 500) throw new SlackCallFailed("response_url", "internal_error");
                if (!r.isSuccessful()) throw new SlackCallFailed("response_url", "http_" + r.code());
                return r.code();
            }
        });
    }

    /** The ts of the message posted with {@code marker}, when Slack has it (the thread's, or the channel's newest). */
    private Optional<String> findPosted(String channel, String threadTs, String marker) {
        List<Message> candidates;
        if (threadTs != null && !threadTs.isEmpty()) {
            candidates = replies(channel, threadTs);
        } else {
            ConversationsHistoryResponse r = retry.call("conversations.history", true, wait -> { },
                    unknown -> WebApiRetry.ok("conversations.history", methods.conversationsHistory(req ->
                            req.channel(channel).limit(100).includeAllMetadata(true))));
            candidates = r.getMessages() == null ? List.of() : r.getMessages();
        }
        return candidates.stream().filter(m -> hasMarker(m, marker)).map(Message::getTs).findFirst();
    }

    private static boolean hasMarker(Message m, String marker) {
        Message.Metadata meta = m.getMetadata();
        return meta != null && MARKER_EVENT.equals(meta.getEventType()) && meta.getEventPayload() != null
                && marker.equals(String.valueOf(meta.getEventPayload().get("post")));
    }

    private static void sleep(Duration wait) {
        if (wait.isZero() || wait.isNegative()) return;
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SlackCallFailed("sleep", "interrupted");
        }
    }
}
