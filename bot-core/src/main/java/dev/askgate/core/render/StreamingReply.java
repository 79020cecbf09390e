package dev.askgate.core.render;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ReplySink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows one answer on a platform while it is written: the first words are posted at once, the message is then
 * edited as text arrives (paced by the shared {@link EditPacer}), a text that outgrows the platform's part length
 * continues in further messages, and {@link #finish} makes the messages hold exactly the final text.
 *
 * <p>One {@link ReplyRenderer} per reply, on its own virtual thread, makes every platform call; it starts with the
 * first text that is not blank (whitespace alone is not posted), or with the finish. The stream thread only
 * appends text and wakes it; the caller of {@link #finish} hands over the final text and waits for the result up to
 * its deadline. What they share is {@link ReplyState}'s, under one lock never held across a call.
 *
 * <p>When the pacer says that showing progress would take budget the final edits need
 * ({@link EditPacer#progressAllowed}), nothing is posted or edited until it has room again (looked at once an
 * interval); an answer not shown by the time it ends is posted whole, without any edit.
 */
public final class StreamingReply implements ReplySink {
    private static final Logger log = LoggerFactory.getLogger(StreamingReply.class);
    /** Separates the shown text from an appended note or error. */
    static final String NOTE_SEPARATOR = "\n\n";
    /** What a message no longer needed by the final text shows. */
    static final String BLANK = "\u2026";
    private static final AtomicLong NEXT_TOKEN = new AtomicLong();

    private final MessageTarget target;
    private final String channelKey;
    private final String token = "reply-" + NEXT_TOKEN.incrementAndGet();
    private final ReplyState state;
    private final List<String> ids = new CopyOnWriteArrayList<>();
    private final ReplyRenderer renderer;

    /**
     * As {@code presenter} shows it, with its pacer; when the target {@linkplain SurfaceDeclined declines} the
     * first post, again with the presenter's {@linkplain Presenter#fallback fallback}.
     */
    public StreamingReply(MessageTarget target, Presenter presenter, String channelKey, EditScheduler scheduler) {
        this(target, presenter, presenter.pacer(), presenter.fallback(), channelKey, scheduler);
    }

    /** Markdown as it is, split by {@code splitter}'s limit. */
    public StreamingReply(MessageTarget target, MessageSplitter splitter, EditPacer pacer, String channelKey,
                          EditScheduler scheduler) {
        this(target, PartLayout.plain(splitter.limit()), pacer, channelKey, scheduler);
    }

    /**
     * @param layout    the platform's format and part length: the text is formatted, then split
     * @param scheduler times the renderer's waits for its booked slots
     */
    public StreamingReply(MessageTarget target, PartLayout layout, EditPacer pacer, String channelKey,
                          EditScheduler scheduler) {
        this(target, layout, pacer, Optional.empty(), channelKey, scheduler);
    }

    private StreamingReply(MessageTarget target, PartLayout layout, EditPacer pacer, Optional<Presenter> fallback,
                           String channelKey, EditScheduler scheduler) {
        this.target = Objects.requireNonNull(target, "target");
        this.channelKey = Objects.requireNonNull(channelKey, "channelKey");
        this.state = new ReplyState(scheduler);
        this.renderer = new ReplyRenderer(state, target, Objects.requireNonNull(layout, "layout"),
                Objects.requireNonNull(pacer, "pacer"), fallback, channelKey, token, ids);
    }

    /** The question was accepted and the answer has no message yet: the platform may show that the bot is typing. */
    @Override
    public void accepted() {
        try {
            target.typing();
        } catch (RuntimeException e) {
            log.debug("channel={} typing indicator failed: {}", channelKey, e.getClass().getSimpleName());
        }
    }

    @Override
    public void delta(String piece) {
        if (piece == null || piece.isEmpty()) return;
        if (state.append(piece)) startRenderer();
    }

    /** The text received so far; once finished, the final text. */
    public String text() {
        return state.text();
    }

    /**
     * Whether no message of the answer has been posted, nor begun to be (its words may wait for room in the
     * budget): a typing indicator sent while the first post is on its way could reach the platform after it, and
     * show "typing" under a finished answer.
     */
    boolean nothingPosted() {
        return !renderer.postBegun();
    }

    /** The ids of the messages posted so far, in order. */
    public List<String> messageIds() {
        return List.copyOf(ids);
    }

    /**
     * Ends the answer with {@code outcome}: the messages then hold the answer's text (or the text shown so far),
     * followed by {@code note} when it is not blank (an error in words, a footer, the wording of a refusal).
     * Blocks until the final messages are made or refused, or {@code deadline} has passed.
     */
    public FinishResult finish(ChatOutcome outcome, String note, Duration deadline) {
        String shownText = text();
        String body = switch (outcome) {
            case ChatOutcome.Answered answered -> answered.text();
            case ChatOutcome.Failed failed -> shownText.isBlank() ? failed.partialText() : shownText;
            case ChatOutcome.Refused refused -> shownText;
        };
        boolean complete = outcome instanceof ChatOutcome.Answered && (note == null || note.isBlank());
        return finish(join(body, note), complete, deadline);
    }

    /**
     * Ends the answer: the messages hold exactly {@code finalText} (not known to be complete, so a target adds
     * nothing for a complete answer); blocks as the finish with an outcome does.
     */
    public FinishResult finish(String finalText, Duration deadline) {
        return finish(finalText, false, deadline);
    }

    private FinishResult finish(String finalText, boolean complete, Duration deadline) {
        if (state.end(finalText, complete)) startRenderer();
        return await(deadline);
    }

    /** Waits up to {@code deadline} for the final messages: {@link FinishResult.StillWaiting} while they wait. */
    public FinishResult await(Duration deadline) {
        return state.await(deadline);
    }

    /**
     * Whether the renderer waits for something that has not happened yet (or has not started, or has ended): a test
     * that moves time by hand moves it only once every reply has settled.
     */
    boolean settled() {
        return state.settled();
    }

    private void startRenderer() {
        Thread.ofVirtual().name("askgate-" + token).start(renderer);
    }

    private static String join(String body, String note) {
        if (note == null || note.isBlank()) return body;
        if (body == null || body.isBlank()) return note;
        return body.stripTrailing() + NOTE_SEPARATOR + note;
    }
}
