package dev.askgate.core.platform;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatService;
import dev.askgate.core.admission.Admission;
import dev.askgate.core.context.ContextWindow;
import dev.askgate.core.dedupe.EventDedupe;
import dev.askgate.core.dedupe.InMemoryEventDedupe;
import dev.askgate.core.feedback.FeedbackRecorder;
import dev.askgate.core.metrics.AskgateMetrics;
import dev.askgate.core.policy.AccessRules;
import dev.askgate.core.usage.OwnUsage;
import dev.askgate.core.work.Workers;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * What the launcher builds once and gives every chat platform, so that a platform only assembles its own JDA or
 * Bolt objects: the chat service, the one context count (one tokenizer registry), the dedupe store of retried
 * events, the workers that answer, and the one timer that paces edits and typing.
 *
 * <p>A platform's {@code stop} drains the workers and then stops the timer: the launcher stops every platform
 * together, so each waits for all answers in flight, whichever platform they belong to, before it disconnects.
 *
 * @param window counts questions and history for the chat service and for every platform's admission
 * @param dedupe   event ids are prefixed with their platform ({@code slack:event:…}), so one store serves all
 * @param ownUsage the asker's own usage in Markdown, for {@code /ask usage} and {@code /usage} (never a model call)
 * @param feedback what becomes of a click on an answer's 👍 / 👎 (logged, counted, kept in the usage store)
 */
public record SharedPieces(ChatService chat, ContextWindow window, EventDedupe dedupe, Workers workers,
                           ScheduledExecutorService timer, Clock clock, Function<Caller, String> ownUsage,
                           FeedbackRecorder feedback) {
    public SharedPieces {
        Objects.requireNonNull(feedback, "feedback");
        Objects.requireNonNull(ownUsage, "ownUsage");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(dedupe, "dedupe");
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(clock, "clock");
    }

    /** New workers, timer and in-memory dedupe around {@code chat} and {@code window}: for a launcher, or a test. */
    public static SharedPieces around(ChatService chat, ContextWindow window, Clock clock) {
        return new SharedPieces(chat, window, new InMemoryEventDedupe(clock), new Workers("answers"),
                Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().name("askgate-edit-timer").daemon().factory()), clock,
                caller -> OwnUsage.UNTRACKED, FeedbackRecorder.unstored(AskgateMetrics.none()));
    }

    /** The same pieces, with retried events remembered in {@code store} (the usage store, shared by replicas). */
    public SharedPieces withDedupe(EventDedupe store) {
        return new SharedPieces(chat, window, store, workers, timer, clock, ownUsage, feedback);
    }

    /** The same pieces, with {@code ownUsage} answering {@code /ask usage} and {@code /usage}. */
    public SharedPieces withOwnUsage(Function<Caller, String> words) {
        return new SharedPieces(chat, window, dedupe, workers, timer, clock, words, feedback);
    }

    /** The same pieces, with answer feedback going to {@code recorder}. */
    public SharedPieces withFeedback(FeedbackRecorder recorder) {
        return new SharedPieces(chat, window, dedupe, workers, timer, clock, ownUsage, recorder);
    }

    /** The usual admission of a platform with these access rules and direct-message switch. */
    public Admission admission(AccessRules rules, boolean directMessages) {
        return new Admission(rules, directMessages, chat.settings(), window, clock);
    }
}
