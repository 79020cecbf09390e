package dev.askgate.core.render;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ReplySink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Shows one answer on a platform while it is written: the first words are posted at once, the message is then
 * edited as text arrives (paced by the shared {@link EditPacer}), a text that outgrows the platform's limit
 * continues in further messages, and {@link #finish} makes the messages hold exactly the final text.
 *
 * <p>The messages come to show the text formatted for the platform, then split ({@link PartLayout}: the parts are
 * measured in the platform's own text, and a part the platform refuses as too long makes every part shorter from
 * the next flush on): each paced flush makes one call on its own booked slot (edits the first message whose part
 * changed, or posts the first part that has no message yet); the final flush books every edit it makes. One edit
 * is scheduled at a time; it reads the text when it runs, so text that arrives during the quiet interval is shown
 * by it. Deltas come from the model's stream thread, scheduled edits from the scheduler; platform calls are
 * serialised by one {@link ReentrantLock} (they block, and a virtual thread blocked inside {@code synchronized}
 * pins its carrier on JDK 21); the {@code synchronized} state sections never block.
 *
 * <p>When the pacer says that showing progress would take budget the final edits need
 * ({@link EditPacer#progressAllowed}), nothing is posted or edited until it has room again (checked once an
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
    private final PartLayout layout;
    /** The part length, halved when the platform refuses a part as too long; the next flush splits again. */
    private volatile int partLength;
    private final EditPacer pacer;
    private final String channelKey;
    private final EditScheduler scheduler;
    /** This reply's name in the pacer's count of replies that will need a final edit. */
    private final String token = "reply-" + NEXT_TOKEN.incrementAndGet();

    private final Object state = new Object();
    private final StringBuilder text = new StringBuilder();
    private EditScheduler.Cancellable pending;
    private boolean finished;
    private boolean firstPostTried;
    /** The newest message's id, readable without the io lock (lock order: io, then state, then the pacer). */
    private volatile String lastId;

    private final ReentrantLock io = new ReentrantLock();
    private final List<String> ids = new ArrayList<>();   // guarded by io
    private final List<String> shown = new ArrayList<>(); // guarded by io

    /** Markdown as it is, split by {@code splitter}'s limit. */
    public StreamingReply(MessageTarget target, MessageSplitter splitter, EditPacer pacer, String channelKey,
                          EditScheduler scheduler) {
        this(target, PartLayout.plain(splitter.limit()), pacer, channelKey, scheduler);
    }

    /** @param layout the platform's format and part length: the text is formatted, then split */
    public StreamingReply(MessageTarget target, PartLayout layout, EditPacer pacer, String channelKey,
                          EditScheduler scheduler) {
        this.target = Objects.requireNonNull(target, "target");
        this.layout = Objects.requireNonNull(layout, "layout");
        this.partLength = layout.partLength();
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.channelKey = Objects.requireNonNull(channelKey, "channelKey");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The question was accepted: the platform may show that the bot is typing. */
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
        boolean postNow;
        synchronized (state) {
            if (finished) return;
            text.append(piece);
            postNow = !firstPostTried && !text.toString().isBlank();
            if (postNow) firstPostTried = true;
        }
        if (postNow && pacer.openIfRoom(channelKey, token)) {
            flush(false, false); // the first words appear at once
        } else {
            scheduleEdit();
        }
    }

    /** The text received so far. */
    public String text() {
        synchronized (state) {
            return text.toString();
        }
    }

    /** The ids of the messages posted so far, in order. */
    public List<String> messageIds() {
        io.lock();
        try {
            return List.copyOf(ids);
        } finally {
            io.unlock();
        }
    }

    /**
     * Ends the answer with {@code outcome}: the messages then hold the answer's text (or the text shown so far),
     * followed by {@code note} when it is not blank (an error in words, a footer, the wording of a refusal).
     * The future completes when the final edits are made; it fails if the platform refused them.
     */
    public CompletableFuture<Void> finish(ChatOutcome outcome, String note) {
        String shownText = text();
        String body = switch (outcome) {
            case ChatOutcome.Answered answered -> answered.text();
            case ChatOutcome.Failed failed -> shownText.isBlank() ? failed.partialText() : shownText;
            case ChatOutcome.Refused refused -> shownText;
        };
        return finish(join(body, note));
    }

    /** Ends the answer: the messages hold exactly {@code finalText}, split at the platform's limit. */
    public CompletableFuture<Void> finish(String finalText) {
        synchronized (state) {
            if (finished) return CompletableFuture.failedFuture(new IllegalStateException("finished twice"));
            finished = true;
            if (pending != null) {
                pending.cancel();
                if (lastId != null) pacer.cancelEdit(channelKey, lastId);
            }
            pending = null;
            text.setLength(0);
            text.append(finalText);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        finalFlush(done);
        return done;
    }

    private void finalFlush(CompletableFuture<Void> done) {
        io.lock();
        try {
            List<String> parts = new ArrayList<>(parts(text()));
            // A final text shorter than what streamed (rare) leaves extra messages; they must not keep stale text.
            while (parts.size() < ids.size()) parts.add(BLANK);
            // The channel budget may ask for a pause; then the rest of the final flush runs when it ends.
            for (int i = 0; i < parts.size(); i++) {
                if (i < ids.size() && !parts.get(i).equals(shown.get(i))) {
                    Duration wait = pacer.reserveFinalEdit(channelKey, ids.get(i));
                    if (!wait.isZero() && !wait.isNegative()) {
                        editLater(i, parts.get(i), wait, done);
                        return;
                    }
                    edit(i, parts.get(i));
                } else if (i >= ids.size()) {
                    post(parts.get(i));
                }
            }
            ids.forEach(pacer::forget);
            pacer.close(token);
            done.complete(null);
        } catch (RuntimeException e) {
            if (shrunkAfter(e)) {
                io.unlock();
                finalFlush(done); // the same final text in shorter parts
                return;
            }
            pacer.close(token);
            done.completeExceptionally(e);
        } finally {
            if (io.isHeldByCurrentThread()) io.unlock();
        }
    }

    /**
     * The platform refused a part as too long: halves the part length (not below what a reopened fence needs)
     * and says whether it did, so that the caller splits the text again.
     */
    private boolean shrunkAfter(RuntimeException e) {
        int now = partLength;
        if (!layout.refusedAsTooLong(e) || now / 2 < MessageSplitter.MIN_LIMIT * 4) return false;
        partLength = now / 2;
        log.info("channel={} the platform refused a part of {} characters as too long; parts of {} from now on",
                channelKey, now, now / 2);
        return true;
    }

    private void editLater(int index, String part, Duration wait, CompletableFuture<Void> done) {
        scheduler.schedule(wait, () -> {
            io.lock();
            try {
                edit(index, part);
            } catch (RuntimeException e) {
                pacer.close(token);
                done.completeExceptionally(e);
                return;
            } finally {
                io.unlock();
            }
            finalFlush(done);
        });
    }

    private void scheduleEdit() {
        synchronized (state) {
            if (finished || pending != null) return;
            String last = lastId;
            // No message yet (the first post failed, or waits for room in the budget), or no room for progress:
            // look again after an interval, booking nothing, rather than on every delta.
            Optional<Duration> booked = last == null ? Optional.empty() : pacer.reserveProgressEdit(channelKey, last);
            boolean book = booked.isPresent();
            Duration wait = booked.orElse(pacer.messageInterval());
            pending = scheduler.schedule(wait, () -> {
                synchronized (state) {
                    if (finished) return;
                    pending = null;
                }
                if (book) {
                    flush(true, false);
                } else if (lastId == null && pacer.openIfRoom(channelKey, token)) {
                    flush(true, true);
                } else {
                    scheduleEdit();
                }
            });
        }
    }

    /**
     * Brings the messages towards the current text: the first flush posts (posts are not paced; there is nothing
     * to edit yet), and a scheduled flush makes the one edit or continuation its booked slot pays for. More changes wait for the next
     * booked slot, so that a text crossing the message limit (an edit of the earlier part and a new part) never
     * makes two calls on one booking and the channel's budget holds.
     */
    private void flush(boolean scheduled, boolean firstPostOnly) {
        boolean more = false;
        io.lock();
        try {
            synchronized (state) {
                if (finished && scheduled) return;
            }
            // An unbooked look-again may only make the first post: an edit needs a booked slot.
            List<String> parts = firstPostOnly && !ids.isEmpty() ? List.of() : parts(text());
            more = firstPostOnly && !ids.isEmpty();
            int calls = 0;
            for (int i = 0; i < parts.size(); i++) {
                boolean isNew = i >= ids.size();
                if (!isNew && parts.get(i).equals(shown.get(i))) continue;
                if (scheduled && calls == 1) {
                    more = true;
                    break;
                }
                if (isNew) {
                    post(parts.get(i));
                } else {
                    edit(i, parts.get(i));
                }
                calls++;
            }
        } catch (RuntimeException e) {
            // The next flush or the final one tries again (in shorter parts when the platform said too long);
            // the platform's error is the adapter's to log in detail.
            if (shrunkAfter(e)) {
                more = true;
            } else {
                log.warn("channel={} updating a streamed reply failed: {}", channelKey, e.getClass().getSimpleName());
            }
        } finally {
            io.unlock();
        }
        if (more) scheduleEdit();
    }

    /** Format first, then split: the parts are measured in the platform's own text. */
    private List<String> parts(String all) {
        return new MessageSplitter(partLength).split(layout.format(all));
    }

    private void post(String part) {
        String id = ids.isEmpty() ? target.post(part) : target.postContinuation(ids.get(ids.size() - 1), part);
        ids.add(id);
        shown.add(part);
        lastId = id;
        pacer.posted(channelKey, id);
    }

    private void edit(int index, String part) {
        target.edit(ids.get(index), part);
        shown.set(index, part);
    }

    private static String join(String body, String note) {
        if (note == null || note.isBlank()) return body;
        if (body == null || body.isBlank()) return note;
        return body.stripTrailing() + NOTE_SEPARATOR + note;
    }
}
