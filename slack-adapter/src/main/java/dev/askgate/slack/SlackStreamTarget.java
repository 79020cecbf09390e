package dev.askgate.slack;

import dev.askgate.core.render.MessageTarget;
import dev.askgate.core.render.SurfaceDeclined;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The messages of one answer as Slack's native streams ({@code chat.startStream}, {@code appendStream},
 * {@code stopStream}), over the ordinary {@link SlackThreadTarget}. The first post starts a stream; a start the
 * {@link SlackStreamGate} or Slack refuses {@linkplain SurfaceDeclined declines} the answer, which the core then
 * shows through the ordinary target. An edit that extends what a stream shows appends the new text only; one that
 * does not (a split point moved), or an append whose outcome is unknown, stops that stream and updates the
 * message with its whole text as a {@code markdown} block, so that no text is repeated or lost. A further part
 * stops the previous stream and starts its own, or is posted as a block when no start is allowed. When the reply
 * ends, the open stream stops, with the feedback buttons when the answer is complete. Called by one renderer.
 */
final class SlackStreamTarget implements MessageTarget {
    private static final Logger log = LoggerFactory.getLogger(SlackStreamTarget.class);

    private final SlackStreamCalls calls;
    private final SlackWebApi api;
    private final SlackStreamGate gate;
    private final SlackThreadTarget edits;
    private final Recipient recipient;
    /** The messages shown as Markdown (streams, open or stopped, and posted blocks), in order. */
    private final Map<String, Shown> shown = new LinkedHashMap<>();
    private boolean declined;
    private String last;

    /** Where and for whom: the channel, thread, workspace key (budgets), asker and the answer's request id. */
    record Recipient(String channel, SlackThread thread, String workspaceKey, String user, String team,
                     String requestId) {
        Recipient {
            Objects.requireNonNull(channel, "channel");
            Objects.requireNonNull(thread, "thread");
            Objects.requireNonNull(workspaceKey, "workspaceKey");
            user = user == null ? "" : user;
            team = team == null ? "" : team;
            Objects.requireNonNull(requestId, "requestId");
        }
    }

    /** What one message shows, and whether its stream is still open. */
    private static final class Shown {
        String text;
        /** The text the renderer last gave for this message; differs from {@link #text} after a failed showing. */
        String wanted;
        boolean open;

        Shown(String text, boolean open) {
            this.text = text;
            this.wanted = text;
            this.open = open;
        }
    }

    SlackStreamTarget(SlackStreamCalls calls, SlackWebApi api, SlackStreamGate gate, SlackThreadTarget edits,
                      Recipient recipient) {
        this.calls = Objects.requireNonNull(calls, "calls");
        this.api = Objects.requireNonNull(api, "api");
        this.gate = Objects.requireNonNull(gate, "gate");
        this.edits = Objects.requireNonNull(edits, "edits");
        this.recipient = Objects.requireNonNull(recipient, "recipient");
    }

    @Override
    public void questionAccepted() {
        edits.questionAccepted();
    }

    @Override
    public void typing() {
        edits.typing();
    }

    @Override
    public void endedWithoutAnswer() {
        edits.endedWithoutAnswer();
    }

    @Override
    public String post(String text) {
        if (declined) return remember(edits.post(text));
        if (!gate.mayStart(recipient.workspaceKey())) {
            declined = true;
            throw new SurfaceDeclined("no stream start allowed now");
        }
        edits.postingInThread(); // a started stream is the thread's first reply, which clears the thinking status
        return switch (start(text)) {
            case SlackStreamCalls.Start.Started started -> remember(started.ts());
            case SlackStreamCalls.Start.Refused refused -> {
                edits.notPostedInThread();
                gate.refused(recipient.workspaceKey(), refused.error());
                declined = true;
                throw new SurfaceDeclined(refused.error());
            }
        };
    }

    @Override
    public String postContinuation(String previousId, String text) {
        Shown previous = shown.get(previousId);
        if (previous == null) return remember(edits.postContinuation(previousId, text));
        stop(previousId, previous, null);
        if (gate.mayStart(recipient.workspaceKey())) {
            switch (start(text)) {
                case SlackStreamCalls.Start.Started started -> {
                    return remember(started.ts());
                }
                case SlackStreamCalls.Start.Refused refused -> gate.refused(recipient.workspaceKey(), refused.error());
            }
        }
        String ts = api.postMarkdown(recipient.channel(), recipient.thread().ts(), text);
        shown.put(ts, new Shown(text, false));
        return remember(ts);
    }

    @Override
    public void edit(String messageId, String text) {
        Shown message = shown.get(messageId);
        if (message == null) {
            edits.edit(messageId, text);
            return;
        }
        message.wanted = text;
        if (text.equals(message.text)) return;
        if (message.open && text.startsWith(message.text)) {
            try {
                calls.append(recipient.channel(), messageId, text.substring(message.text.length()));
                message.text = text;
                return;
            } catch (SlackCallFailed e) {
                // Shown or not, the append must not be sent again: the whole text replaces the stream's.
                gate.broke(recipient.workspaceKey(), "chat.appendStream " + e.error());
            }
        }
        stop(messageId, message, null);
        api.updateMarkdown(recipient.workspaceKey(), recipient.channel(), messageId, text);
        message.text = text;
    }

    /** The open stream stops; the last message of a complete answer carries the feedback buttons. */
    @Override
    public void ended(boolean complete) {
        shown.forEach((ts, message) -> {
            stop(ts, message, complete && ts.equals(last) ? FeedbackButtons.blocksJson(recipient.requestId()) : null);
            if (!message.text.equals(message.wanted)) showAgain(ts, message);
        });
    }

    /** A message whose last showing failed (the renderer saw no error then) gets its text once more. */
    private void showAgain(String ts, Shown message) {
        try {
            api.updateMarkdown(recipient.workspaceKey(), recipient.channel(), ts, message.wanted);
            message.text = message.wanted;
        } catch (RuntimeException e) {
            log.warn("platform=slack channel={} a streamed message could not be given its final text: {}",
                    recipient.channel(), e.getClass().getSimpleName());
        }
    }

    /**
     * Opens a stream empty and shows {@code text} by its first append. A start whose answer is lost may still have
     * opened a stream; opened empty, that stream holds no words, so the answer shown another way repeats none.
     */
    private SlackStreamCalls.Start start(String text) {
        SlackStreamCalls.Start start = calls.start(recipient.channel(), recipient.thread().ts(), recipient.user(),
                recipient.team(), "");
        if (start instanceof SlackStreamCalls.Start.Started started) {
            shown.put(started.ts(), new Shown("", true));
            try {
                edit(started.ts(), text);
            } catch (RuntimeException e) {
                // The message exists: the next render (at the latest the final one) shows the text in it again.
                log.info("platform=slack channel={} showing a stream's first words failed: {}", recipient.channel(),
                        e.getClass().getSimpleName());
            }
        }
        return start;
    }

    /** Stops the stream of {@code message} when open; a failure leaves Slack to end it, and the text stands. */
    private void stop(String ts, Shown message, String blocksJson) {
        if (!message.open) return;
        message.open = false;
        try {
            calls.stop(recipient.channel(), ts, "", blocksJson);
        } catch (SlackCallFailed e) {
            if (blocksJson != null && !SlackStreamCalls.OUTCOME_UNKNOWN.equals(e.error())) {
                log.warn("platform=slack channel={} stopping a stream with its feedback buttons failed ({});"
                        + " stopping it without", recipient.channel(), e.error());
                message.open = true;
                stop(ts, message, null);
                return;
            }
            log.debug("platform=slack channel={} stopping a stream failed: {}", recipient.channel(), e.error());
        }
    }

    private String remember(String ts) {
        last = ts;
        return ts;
    }
}
