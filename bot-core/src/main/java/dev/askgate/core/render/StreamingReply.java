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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Shows one answer on a platform while it is written: the first words are posted at once, the message is then
 * edited as text arrives (paced by the shared {@link EditPacer}), a text that outgrows the platform's part length
 * continues in further messages, and {@link #finish} makes the messages hold exactly the final text.
 *
 * <p>One renderer per reply, on its own virtual thread, makes every platform call. It waits for new text or the
 * end, books a slot with the pacer, waits for the slot (timed by the {@link EditScheduler}) and renders: formats the
 * text ({@link PartLayout}), splits it once by the part length, and edits the first message whose part changed or
 * posts the first part that has no message yet, one call per booked slot, reading the text when the slot comes so
 * that text arriving in the quiet interval is shown by it. The first message goes out at once, with the parts the
 * text already fills after it as the channel's budget lets them; the final render books every edit and every
 * further message it makes. A part the platform refuses as too long halves the part length for the rest of the
 * reply, and the text is split again.
 *
 * <p>The stream thread only appends text and wakes the renderer; the caller of {@link #finish} hands over the final
 * text and waits for the result up to its deadline. One {@link ReentrantLock} guards that shared state; it is held
 * only to read or change it, never across a platform, pacer or scheduler call, so there is no lock order, and its
 * conditions (rather than {@code synchronized}) keep a waiting virtual thread off its carrier on JDK 21.
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
    private final PartLayout layout;
    private final EditPacer pacer;
    private final String channelKey;
    private final EditScheduler scheduler;
    /** This reply's name in the pacer's count of replies that will need a final edit. */
    private final String token = "reply-" + NEXT_TOKEN.incrementAndGet();

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled for the renderer: new text, the final text, or the time it waits for. */
    private final Condition wake = lock.newCondition();
    /** Signalled for the callers of {@link #await}: the result is there. */
    private final Condition ended = lock.newCondition();
    private final StringBuilder text = new StringBuilder(); // guarded by lock, as every field up to the ids
    private long version;
    private String finalText;
    private boolean started;
    private boolean waiting;
    private boolean woken;
    private long alarm;
    private boolean rang;
    private FinishResult result;

    /** Written by the renderer alone, read by anyone. */
    private final List<String> ids = new CopyOnWriteArrayList<>();
    // The renderer's own.
    private final List<String> shown = new ArrayList<>();
    private long seenVersion;
    private boolean firstPostTried;
    /** The part length, halved when the platform refuses a part as too long; the next render splits again. */
    private int partLength;

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

    /** Adds text; the renderer starts with the first text that is not blank (whitespace alone is not posted). */
    @Override
    public void delta(String piece) {
        if (piece == null || piece.isEmpty()) return;
        boolean start;
        lock.lock();
        try {
            if (finalText != null) return;
            text.append(piece);
            version++;
            start = !started && !piece.isBlank();
            if (start) started = true;
            wakeRenderer();
        } finally {
            lock.unlock();
        }
        if (start) startRenderer();
    }

    /** The text received so far; once finished, the final text. */
    public String text() {
        lock.lock();
        try {
            return finalText != null ? finalText : text.toString();
        } finally {
            lock.unlock();
        }
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
        return finish(join(body, note), deadline);
    }

    /** Ends the answer: the messages hold exactly {@code finalText}; blocks as {@link #finish(ChatOutcome, String, Duration)}. */
    public FinishResult finish(String finalText, Duration deadline) {
        Objects.requireNonNull(finalText, "finalText");
        boolean start;
        lock.lock();
        try {
            if (this.finalText != null) throw new IllegalStateException("finished twice");
            this.finalText = finalText;
            start = !started;
            started = true;
            wakeRenderer();
        } finally {
            lock.unlock();
        }
        if (start) startRenderer();
        return await(deadline);
    }

    /** Waits up to {@code deadline} for the final messages; {@link FinishResult.StillWaiting} when they are not made yet. */
    public FinishResult await(Duration deadline) {
        long nanos = deadline.toNanos();
        lock.lock();
        try {
            while (result == null) {
                if (nanos <= 0) return new FinishResult.StillWaiting();
                nanos = ended.awaitNanos(nanos);
            }
            return result;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FinishResult.StillWaiting();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether the renderer waits for something that has not happened yet (or has not started, or has ended): a test
     * that moves time by hand moves it only when every reply has settled.
     */
    boolean settled() {
        lock.lock();
        try {
            return !started || result != null || waiting && !woken;
        } finally {
            lock.unlock();
        }
    }

    private void startRenderer() {
        Thread.ofVirtual().name("askgate-" + token).start(this::render);
    }

    private void render() {
        FinishResult outcome;
        try {
            outcome = showFinal(streamUntilFinished());
        } catch (InterruptedException e) {
            outcome = new FinishResult.NotShown(new IllegalStateException("the reply's renderer was interrupted"));
        } catch (RuntimeException e) { // formatting or splitting failed: a bug, told as the final messages' failure
            outcome = new FinishResult.NotShown(e);
        }
        ids.forEach(pacer::forget);
        pacer.close(token);
        lock.lock();
        try {
            result = outcome;
            ended.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Shows the text as it grows until the answer ends; returns the final text. */
    private String streamUntilFinished() throws InterruptedException {
        boolean again = false; // more to show without new text: a part not shown yet, a first post to try again
        while (true) {
            String end;
            lock.lock();
            try {
                if (!again) awaitWake(() -> finalText != null || version != seenVersion);
                end = finalText;
                seenVersion = version;
            } finally {
                lock.unlock();
            }
            if (end != null) return end;
            again = ids.isEmpty() ? firstPost() : pacedCall();
        }
    }

    /**
     * Posts the first part at once (an edit needs a message), then the further parts the text already fills, each
     * on its booked slot; a failed or refused first post is tried again an interval later, not on every delta.
     * Returns whether there is more to show without new text.
     */
    private boolean firstPost() throws InterruptedException {
        if (firstPostTried && !sleep(pacer.messageInterval(), true)) return false;
        firstPostTried = true;
        if (!pacer.openIfRoom(channelKey, token)) return true;
        List<String> parts = parts(currentText());
        try {
            post(parts.getFirst());
            for (int i = 1; i < parts.size(); i++) {
                if (!sleep(pacer.reserveCreate(channelKey), true)) return false;
                post(parts.get(i));
            }
            return false;
        } catch (RuntimeException e) {
            if (!shrunkAfter(e)) warn(e);
            return true;
        }
    }

    /**
     * Books a slot for the newest message and makes the one edit or continuation it pays for, so that a text
     * crossing the part length (an edit of the earlier part and a new part) never makes two calls on one booking.
     * Returns whether more parts differ from what is shown.
     */
    private boolean pacedCall() throws InterruptedException {
        String last = ids.getLast();
        Optional<Duration> booked = pacer.reserveProgressEdit(channelKey, last);
        if (booked.isEmpty()) {
            // No room for progress: look again after an interval, booking nothing, rather than on every delta.
            sleep(pacer.messageInterval(), true);
            return true;
        }
        if (!sleep(booked.get(), true)) {
            pacer.cancelEdit(channelKey, last); // the answer ended first: the slot must not hold up the final edits
            return false;
        }
        List<String> parts = parts(currentText());
        int i = firstChange(parts, 0);
        if (i < 0) return false;
        try {
            if (i < ids.size()) edit(i, parts.get(i)); else post(parts.get(i));
            return firstChange(parts, i + 1) >= 0;
        } catch (RuntimeException e) {
            // The next render or the final one tries again (in shorter parts when the platform said too long);
            // the platform's error is the adapter's to log in detail.
            if (shrunkAfter(e)) return true;
            warn(e);
            return false;
        }
    }

    /** Makes the messages hold exactly {@code all}: every edit and every further message booked with the pacer. */
    private FinishResult showFinal(String all) throws InterruptedException {
        while (true) {
            try {
                List<String> parts = new ArrayList<>(parts(all));
                // A final text shorter than what streamed (rare) leaves extra messages; they must not keep stale text.
                while (parts.size() < ids.size()) parts.add(BLANK);
                for (int i = firstChange(parts, 0); i >= 0; i = firstChange(parts, i + 1)) {
                    if (i < ids.size()) {
                        sleep(pacer.reserveFinalEdit(channelKey, ids.get(i)), false);
                        edit(i, parts.get(i));
                    } else {
                        // The first message of an answer goes out at once; a further one waits for the budget.
                        if (!ids.isEmpty()) sleep(pacer.reserveCreate(channelKey), false);
                        post(parts.get(i));
                    }
                }
                return new FinishResult.Shown();
            } catch (RuntimeException e) {
                if (!shrunkAfter(e)) return new FinishResult.NotShown(e); // else the same text in shorter parts
            }
        }
    }

    /** The index of the first part from {@code from} on that no message shows yet; -1 when they all do. */
    private int firstChange(List<String> parts, int from) {
        for (int i = from; i < parts.size(); i++) {
            if (i >= shown.size() || !parts.get(i).equals(shown.get(i))) return i;
        }
        return -1;
    }

    /**
     * Waits {@code wait} (timed by the scheduler), or until the answer ends when {@code untilFinished}; returns
     * whether the time came. The lock is released while the scheduler books the wake-up.
     */
    private boolean sleep(Duration wait, boolean untilFinished) throws InterruptedException {
        if (wait.isZero() || wait.isNegative()) return true;
        long mine;
        lock.lock();
        try {
            mine = ++alarm;
            rang = false;
        } finally {
            lock.unlock();
        }
        EditScheduler.Cancellable wakeUp = scheduler.schedule(wait, () -> ring(mine));
        boolean inTime;
        lock.lock();
        try {
            awaitWake(() -> rang || untilFinished && finalText != null);
            inTime = rang;
        } finally {
            lock.unlock();
        }
        if (!inTime) wakeUp.cancel();
        return inTime;
    }

    private void ring(long which) {
        lock.lock();
        try {
            if (which != alarm) return; // a wake-up for a wait that has ended
            rang = true;
            wakeRenderer();
        } finally {
            lock.unlock();
        }
    }

    /** The renderer waits, the lock held, until {@code ready}; {@link #settled} can tell it is waiting. */
    private void awaitWake(BooleanSupplier ready) throws InterruptedException {
        waiting = true;
        try {
            while (!ready.getAsBoolean()) {
                woken = false;
                wake.await();
            }
        } finally {
            waiting = false;
        }
    }

    /** With the lock held. */
    private void wakeRenderer() {
        woken = true;
        wake.signal();
    }

    private String currentText() {
        lock.lock();
        try {
            return text.toString();
        } finally {
            lock.unlock();
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

    private void warn(RuntimeException e) {
        log.warn("channel={} updating a streamed reply failed: {}", channelKey, e.getClass().getSimpleName());
    }

    /** Format first, then split: the parts are measured in the platform's own text. */
    private List<String> parts(String all) {
        return new MessageSplitter(partLength).split(layout.format(all));
    }

    private void post(String part) {
        String id = ids.isEmpty() ? target.post(part) : target.postContinuation(ids.getLast(), part);
        ids.add(id);
        shown.add(part);
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
