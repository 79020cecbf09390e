package dev.askgate.core.render;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.ChatService;
import dev.askgate.core.Refusal;
import dev.askgate.core.ReplySink;
import dev.askgate.core.model.BotFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The one way an admitted question is answered on any platform: the core streams the answer, the platform's
 * {@link Presenter} formats it (then it is split once) and paces it, the reply is finished within a deadline,
 * and one switch over the outcome decides what is shown in place and what reaches the asker privately.
 * Blocks until the answer is shown: run it on a worker (a virtual thread).
 */
public final class ReplyFlow {
    private static final Logger log = LoggerFactory.getLogger(ReplyFlow.class);
    /** How long the final edits may wait for the platform (its budget, its retries) before the flow moves on. */
    static final Duration FINISH_DEADLINE = Duration.ofSeconds(120);
    /**
     * How long an accepted question waits for its first message before the platform shows that the bot is typing
     * (Discord's indicator, Slack's "is thinking…"): within half a second the answer itself is the feedback, and an
     * indicator would flash and vanish, at the cost of a platform call or two on every fast answer.
     */
    static final Duration TYPING_GRACE = Duration.ofMillis(500);

    private final ChatService chat;
    private final EditScheduler scheduler;
    private final ScheduledExecutorService timer;

    /**
     * @param scheduler times the waits of every reply's renderer for its booked slots
     * @param timer     shows and renews typing indicators
     */
    public ReplyFlow(ChatService chat, EditScheduler scheduler, ScheduledExecutorService timer) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.timer = Objects.requireNonNull(timer, "timer");
    }

    /** Answers {@code request} at {@code place} as {@code presenter} shows it; returns how it ended. */
    public ChatOutcome answer(ChatRequest request, Presenter presenter, ReplyPlace place) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(presenter, "presenter");
        Objects.requireNonNull(place, "place");
        StreamingReply reply = new StreamingReply(place.target(), presenter, place.channelKey(), scheduler);
        // Typing lasts until the answer's first message, not its first words nor the model's end: words waiting for
        // room in the channel's edit budget (posted whole at the end) are still an answer being written.
        TypingIndicator typing = new TypingIndicator(reply::accepted, reply::nothingPosted, TYPING_GRACE,
                presenter.typingRenewal(), timer);
        try {
            // What reaches the asker privately is never a stream: the fallback presentation words it, when there
            // is one.
            Presenter privateWords = presenter.fallback().orElse(presenter);
            ChatOutcome outcome = ask(request, place, reply, typing);
            boolean nothingShown = reply.messageIds().isEmpty() && reply.text().isBlank();
            String note = presenter.note(outcome);
            if (goesPrivately(outcome, nothingShown, presenter, place)) {
                tellPrivately(request, place, privateWords.format(note));
            } else {
                if (!(outcome instanceof ChatOutcome.Answered) && reply.text().isBlank()) {
                    place.target().endedWithoutAnswer();
                }
                finish(request, presenter, place, reply, outcome, note);
            }
            return outcome;
        } finally {
            typing.stop();
        }
    }

    /**
     * What goes to the asker alone: a notice about a secret always (others read the place); a refusal or a failure
     * that left nothing shown where the platform says so, and a refusal where the place says so (a budget reached
     * is nobody else's business). Everything else is shown in place.
     */
    private static boolean goesPrivately(ChatOutcome outcome, boolean nothingShown, Presenter presenter,
                                         ReplyPlace place) {
        return switch (outcome) {
            case ChatOutcome.Answered answered -> false;
            case ChatOutcome.Refused(Refusal.SecretInQuestion secret) -> true;
            case ChatOutcome.Refused refused -> nothingShown
                    && (presenter.notesPrivatelyWhenNothingShown() || place.refusalsPrivately());
            case ChatOutcome.Failed failed -> nothingShown && failed.partialText().isBlank()
                    && presenter.notesPrivatelyWhenNothingShown();
        };
    }

    private ChatOutcome ask(ChatRequest request, ReplyPlace place, StreamingReply reply, TypingIndicator typing) {
        ReplySink sink = new ReplySink() {
            @Override
            public void accepted() {
                place.target().questionAccepted();
                typing.start();
            }

            @Override
            public void delta(String text) {
                reply.delta(text);
            }
        };
        try {
            return chat.ask(request, sink);
        } catch (RuntimeException e) {
            log.error("request={} platform={} channel={} answering failed: {}", request.requestId(),
                    request.caller().platform(), request.caller().channelId(), e.getClass().getName());
            return new ChatOutcome.Failed(new BotFault(BotFault.Where.ADAPTER, e), reply.text());
        }
    }

    private void finish(ChatRequest request, Presenter presenter, ReplyPlace place, StreamingReply reply,
                        ChatOutcome outcome, String note) {
        switch (reply.finish(outcome, note, FINISH_DEADLINE)) {
            case FinishResult.Shown shown -> { }
            // The presenter logs the platform's error in its own terms, and says what the asker hears of it.
            case FinishResult.NotShown(RuntimeException failure) -> {
                Presenter privateWords = presenter.fallback().orElse(presenter);
                privateWords.notPosted(request, failure, privateWords.format(reply.text()))
                        .ifPresent(text -> tellPrivately(request, place, text));
            }
            case FinishResult.StillWaiting waiting -> log.warn(
                    "request={} platform={} channel={} the final message is still waiting for the platform",
                    request.requestId(), request.caller().platform(), request.caller().channelId());
        }
    }

    private static void tellPrivately(ChatRequest request, ReplyPlace place, String text) {
        try {
            place.privately().tell(text);
        } catch (RuntimeException e) {
            log.warn("request={} platform={} channel={} could not reach the asker privately: {}", request.requestId(),
                    request.caller().platform(), request.caller().channelId(), e.getClass().getSimpleName());
        }
    }
}
