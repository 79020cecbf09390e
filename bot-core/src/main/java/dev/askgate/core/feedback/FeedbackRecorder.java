package dev.askgate.core.feedback;

import dev.askgate.core.metrics.AskgateMetrics;
import dev.askgate.core.openai.Sleeper;
import dev.askgate.core.usage.AnswerFeedback;
import dev.askgate.core.usage.UsageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What happens to a click on an answer's 👍 / 👎, once a platform has read it and made sure it is not a
 * redelivery: one INFO line (ids and the vote, never text), the {@code askgate_answer_feedback_total} count, and
 * the vote kept in the usage store. A store that fails is tried again twice, with a pause, on the caller's thread
 * (a platform's worker, after the click was acknowledged); a vote the store still does not take is logged at WARN
 * with all it held, so that an operator could re-enter it — never dropped silently. Votes are not buffered like
 * ledger rows: they carry no money, and one WARN line per vote lost keeps it visible.
 */
public final class FeedbackRecorder {
    private static final Logger log = LoggerFactory.getLogger(FeedbackRecorder.class);
    static final int TRIES = 3;

    private final Optional<UsageStore> store;
    private final AskgateMetrics metrics;
    private final Duration firstPause;
    private final Sleeper sleeper;

    /** @param firstPause the wait before the second try; the third waits twice as long */
    public FeedbackRecorder(UsageStore store, AskgateMetrics metrics, Duration firstPause, Sleeper sleeper) {
        this(Optional.of(Objects.requireNonNull(store, "store")), metrics, firstPause, sleeper);
    }

    private FeedbackRecorder(Optional<UsageStore> store, AskgateMetrics metrics, Duration firstPause, Sleeper sleeper) {
        this.store = store;
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.firstPause = Objects.requireNonNull(firstPause, "firstPause");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** Logs and counts votes but keeps them nowhere: for a platform run without a usage store (tools, tests). */
    public static FeedbackRecorder unstored(AskgateMetrics metrics) {
        return new FeedbackRecorder(Optional.empty(), metrics, Duration.ZERO, Sleeper.real());
    }

    /** Logs, counts and keeps {@code feedback}; blocks while the store is retried (at most about 3 pauses). */
    public void record(AnswerFeedback feedback) {
        Objects.requireNonNull(feedback, "feedback");
        log.info("platform={} workspace={} channel={} user={} request={} vote={} answer feedback",
                feedback.platformName(), feedback.workspace(), feedback.channel(), feedback.user(),
                feedback.requestId(), feedback.vote().word());
        metrics.answerFeedback(feedback.platform(), feedback.vote());
        store.ifPresent(s -> keep(s, feedback));
    }

    private void keep(UsageStore s, AnswerFeedback feedback) {
        Duration pause = firstPause;
        RuntimeException last = null;
        for (int attempt = 1; attempt <= TRIES; attempt++) {
            try {
                s.recordFeedback(feedback);
                return;
            } catch (RuntimeException e) {
                last = e;
                if (attempt == TRIES || !pauseFor(pause)) break;
                pause = pause.multipliedBy(2);
            }
        }
        log.warn("platform={} workspace={} channel={} message={} user={} request={} vote={} at={} answer feedback"
                        + " lost: the usage store did not take it ({})", feedback.platformName(), feedback.workspace(),
                feedback.channel(), feedback.messageId(), feedback.user(), feedback.requestId(), feedback.vote().word(),
                feedback.at(), last.getMessage());
    }

    private boolean pauseFor(Duration pause) {
        try {
            sleeper.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
