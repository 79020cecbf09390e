package dev.askgate.core.render;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The renderer of one {@link StreamingReply}, on its own virtual thread: the only one to call the platform for it.
 * It waits for new text or the end, books a slot with the pacer, waits for the slot and renders: formats the text,
 * splits it once by the part length, and edits the first message whose part changed or posts the first part that
 * has no message yet, one call per booked slot, reading the text when the slot comes (so text that arrived in the
 * quiet interval is shown by it). The first message goes out at once, with the parts the text already fills after
 * it as the budget lets them; the final render books every edit and every further message. A part the platform
 * refuses as too long halves the part length for the rest of the reply, and the text is split again. A first post
 * the target {@linkplain SurfaceDeclined declines} switches the reply to the presenter's fallback (its format, part
 * length and pacer) and shows the same text again that way. Once the reply is over the target hears it
 * ({@link MessageTarget#ended}), whatever happened.
 */
final class ReplyRenderer implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(ReplyRenderer.class);

    private final ReplyState state;
    private final MessageTarget target;
    /** The presentation in use: the fallback's once the target declined the first. */
    private PartLayout layout;
    private EditPacer pacer;
    private Optional<Presenter> fallback;
    private final String channelKey;
    private final String token;
    /** Written here alone, read by anyone (the reply's {@code messageIds}). */
    private final List<String> ids;
    private final List<String> shown = new ArrayList<>();
    private boolean firstPostTried;
    /** Read by the typing indicator's timer: once the first post is on its way, no typing may follow it. */
    private volatile boolean postBegun;
    /** The part length, halved when the platform refuses a part as too long. */
    private int partLength;

    /** @param token the reply's name in the pacer's count of replies that will need a final edit */
    ReplyRenderer(ReplyState state, MessageTarget target, PartLayout layout, EditPacer pacer,
                  Optional<Presenter> fallback, String channelKey, String token, List<String> ids) {
        this.state = state;
        this.target = target;
        this.layout = layout;
        this.partLength = layout.partLength();
        this.pacer = pacer;
        this.fallback = fallback;
        this.channelKey = channelKey;
        this.token = token;
        this.ids = ids;
    }

    @Override
    public void run() {
        FinishResult outcome;
        try {
            outcome = showFinal(streamUntilFinished());
        } catch (InterruptedException e) {
            outcome = new FinishResult.NotShown(new IllegalStateException("the reply's renderer was interrupted"));
        } catch (RuntimeException e) { // formatting, splitting or scheduling failed: the final messages are not made
            outcome = new FinishResult.NotShown(e);
        }
        ended(outcome instanceof FinishResult.Shown && state.complete());
        ids.forEach(pacer::forget);
        pacer.close(token);
        state.rendered(outcome);
    }

    /** Shows the text as it grows until the answer ends; returns the final text. */
    private String streamUntilFinished() throws InterruptedException {
        boolean again = false; // more to show without new text: a part not shown yet, a first post to try again
        while (true) {
            Optional<String> end = state.next(again);
            if (end.isPresent()) return end.get();
            again = ids.isEmpty() ? firstPost() : pacedCall();
        }
    }

    /**
     * Posts the first part at once (an edit needs a message), then the further parts the text already fills, each
     * on its booked slot; a failed or refused first post is tried again an interval later, not on every delta.
     * Returns whether there is more to show without new text.
     */
    private boolean firstPost() throws InterruptedException {
        if (firstPostTried && !state.sleep(pacer.messageInterval(), true)) return false;
        firstPostTried = true;
        if (!pacer.openIfRoom(channelKey, token)) return true;
        List<String> parts = parts(state.latest());
        try {
            post(parts.getFirst());
            for (int i = 1; i < parts.size(); i++) {
                if (!state.sleep(pacer.reserveCreate(channelKey), true)) return false;
                post(parts.get(i));
            }
            return false;
        } catch (RuntimeException e) {
            if (!fellBack(e) && !shrunkAfter(e)) warn(e);
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
            state.sleep(pacer.messageInterval(), true);
            return true;
        }
        if (!state.sleep(booked.get(), true)) {
            pacer.cancelEdit(channelKey, last); // the answer ended first: the slot must not hold up the final edits
            return false;
        }
        List<String> parts = parts(state.latest());
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
                while (parts.size() < ids.size()) parts.add(StreamingReply.BLANK);
                for (int i = firstChange(parts, 0); i >= 0; i = firstChange(parts, i + 1)) {
                    if (i < ids.size()) {
                        state.sleep(pacer.reserveFinalEdit(channelKey, ids.get(i)), false);
                        edit(i, parts.get(i));
                    } else {
                        // The first message of an answer goes out at once; a further one waits for the budget.
                        if (!ids.isEmpty()) state.sleep(pacer.reserveCreate(channelKey), false);
                        post(parts.get(i));
                    }
                }
                return new FinishResult.Shown();
            } catch (RuntimeException e) {
                // Else the same text the other way, or in shorter parts.
                if (!fellBack(e) && !shrunkAfter(e)) return new FinishResult.NotShown(e);
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

    /**
     * The target declined the first post: switches to the fallback presentation (the budget counted on the old
     * pacer is given back; the new one counts it from the next first post) and says whether it did, so that the
     * caller shows the text again at once.
     */
    private boolean fellBack(RuntimeException e) {
        if (!(e instanceof SurfaceDeclined declined) || !ids.isEmpty() || fallback.isEmpty()) return false;
        Presenter next = fallback.get();
        log.debug("channel={} the platform declined this way of showing the answer ({}); showing it the other way",
                channelKey, declined.reason());
        pacer.close(token);
        layout = next;
        pacer = next.pacer();
        partLength = next.partLength();
        fallback = next.fallback();
        firstPostTried = false;
        return true;
    }

    /** Tells the target the reply is over; its failure changes nothing about what was shown. */
    private void ended(boolean complete) {
        try {
            target.ended(complete);
        } catch (RuntimeException e) {
            log.warn("channel={} ending the reply on the platform failed: {}", channelKey, e.getClass().getSimpleName());
        }
    }

    private void warn(RuntimeException e) {
        log.warn("channel={} updating a streamed reply failed: {}", channelKey, e.getClass().getSimpleName());
    }

    /** Format first, then split: the parts are measured in the platform's own text. */
    private List<String> parts(String all) {
        return new MessageSplitter(partLength).split(layout.format(all));
    }

    /** Whether the reply's first post has begun (it may still be on its way to the platform). */
    boolean postBegun() {
        return postBegun;
    }

    private void post(String part) {
        postBegun = true;
        String id = ids.isEmpty() ? target.post(part) : target.postContinuation(ids.getLast(), part);
        ids.add(id);
        shown.add(part);
        pacer.posted(channelKey, id);
    }

    private void edit(int index, String part) {
        target.edit(ids.get(index), part);
        shown.set(index, part);
    }
}
