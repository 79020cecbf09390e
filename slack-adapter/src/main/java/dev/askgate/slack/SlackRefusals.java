package dev.askgate.slack;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Refusal;

import java.util.Objects;
import java.util.function.Function;

/** Admission's refusals in Slack's words (mrkdwn): the core's sentence for each, Slack's own where it has one. */
final class SlackRefusals {
    private final SlackWording wording;
    private final MrkdwnConverter mrkdwn;
    private final Function<ChatOutcome, String> outcomeWords;

    /** @param outcomeWords the core's words for an outcome (Markdown) */
    SlackRefusals(SlackWording wording, MrkdwnConverter mrkdwn, Function<ChatOutcome, String> outcomeWords) {
        this.wording = Objects.requireNonNull(wording, "wording");
        this.mrkdwn = Objects.requireNonNull(mrkdwn, "mrkdwn");
        this.outcomeWords = Objects.requireNonNull(outcomeWords, "outcomeWords");
    }

    String of(Refusal refusal) {
        return switch (refusal) {
            // Slack's sentence names the command that still works.
            case Refusal.DirectMessagesOff off -> wording.directMessagesOff();
            case Refusal.NotAllowed notAllowed -> core(notAllowed);
            case Refusal.EmptyQuestion empty -> core(empty);
            case Refusal.QuestionTooLong tooLong -> core(tooLong);
            case Refusal.SecretInQuestion secret -> core(secret);
            case Refusal.AnswerWithheld withheld -> core(withheld);
        };
    }

    private String core(Refusal refusal) {
        return mrkdwn.convert(outcomeWords.apply(new ChatOutcome.Refused(refusal)));
    }
}
