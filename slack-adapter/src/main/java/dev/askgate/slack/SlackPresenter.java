package dev.askgate.slack;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.model.BotFault;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.render.EditPacer;
import dev.askgate.core.render.OutcomeWording;
import dev.askgate.core.render.Presenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers as Slack shows them: Markdown converted to mrkdwn, then split into messages of at most 3,500
 * characters (Slack refuses texts above about 4,000; {@code msg_too_long} halves the length for that reply),
 * the core's words for each outcome (and Slack's own for its failures), and whatever is not an answer — a
 * refusal, an error before any text — privately to the asker. No typing indicator.
 */
final class SlackPresenter implements Presenter {
    private static final Logger log = LoggerFactory.getLogger(SlackPresenter.class);
    /** Slack messages hold about 4,000 characters of mrkdwn; some room is kept below that. */
    static final int PART_CHARS = 3_500;
    /** How to ask in Slack, shown for an empty question. */
    static final String USAGE = "Ask me with /ask <question>, or mention me.";

    private final MrkdwnConverter mrkdwn;
    private final SlackWording wording;
    private final EditPacer pacer;
    private final OutcomeWording words = new OutcomeWording(USAGE);
    private final UndeliveredAnswers undelivered = new UndeliveredAnswers();
    private final SlackNotes notes;

    /** @param pacer Slack's {@code chat.update} budget, counted per workspace */
    SlackPresenter(MrkdwnConverter mrkdwn, SlackWording wording, EditPacer pacer) {
        this.mrkdwn = Objects.requireNonNull(mrkdwn, "mrkdwn");
        this.wording = Objects.requireNonNull(wording, "wording");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
        this.notes = new SlackNotes(words, note -> SlackText.plain(format(note)));
    }

    @Override
    public String format(String markdown) {
        return mrkdwn.convert(markdown);
    }

    @Override
    public int partLength() {
        return PART_CHARS;
    }

    @Override
    public boolean refusedAsTooLong(RuntimeException failure) {
        return failure instanceof SlackCallFailed slack && "msg_too_long".equals(slack.error());
    }

    @Override
    public String note(ChatOutcome outcome) {
        return switch (outcome) {
            case ChatOutcome.Answered answered -> words.note(answered);
            case ChatOutcome.Refused refused -> words.note(refused);
            case ChatOutcome.Failed failed -> switch (failed.cause()) {
                case ModelError error -> words.error(error);
                case BotFault fault -> fault(fault);
            };
        };
    }

    /** Slack refusing a call (not invited, rate limits …) has Slack's words; anything else is the bot's own. */
    private String fault(BotFault fault) {
        return fault.exception() instanceof SlackCallFailed slack ? wording.slackFailed(slack) : words.fault(fault);
    }

    @Override
    public EditPacer pacer() {
        return pacer;
    }

    @Override
    public Optional<Duration> typingRenewal() {
        return Optional.empty();
    }

    /** A thread message for a refusal would speak to the whole channel about one person's question. */
    @Override
    public boolean notesPrivatelyWhenNothingShown() {
        return true;
    }

    /** The answer Slack would not take reaches the asker privately, and the operator's log (at DEBUG). */
    @Override
    public Optional<String> notPosted(ChatRequest request, RuntimeException failure, String shownText) {
        if (failure instanceof SlackCallFailed slack) {
            undelivered.keep(request.requestId(), request.caller().channelId(), slack, shownText);
            return Optional.of(wording.answerNotPosted(slack, shownText));
        }
        log.error("platform=slack request={} channel={} answer not shown: {}", request.requestId(),
                request.caller().channelId(), failure.getClass().getName());
        return Optional.empty();
    }

    @Override
    public String answerIn(String ownMessage) {
        return notes.withoutNote(SlackText.plain(ownMessage));
    }
}
