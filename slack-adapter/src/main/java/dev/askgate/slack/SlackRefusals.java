package dev.askgate.slack;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Refusal;

import java.util.Objects;

/** Admission's refusals in Slack's words (mrkdwn): the core's sentence for each, Slack's own where it has one. */
final class SlackRefusals {
    private final SlackWording wording;
    private final SlackPresenter presenter;

    /** @param presenter Slack's words for an outcome, and its text format */
    SlackRefusals(SlackWording wording, SlackPresenter presenter) {
        this.wording = Objects.requireNonNull(wording, "wording");
        this.presenter = Objects.requireNonNull(presenter, "presenter");
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
            case Refusal.OverBudget overBudget -> core(overBudget);
            case Refusal.SpendingUnknown unknown -> core(unknown);
        };
    }

    private String core(Refusal refusal) {
        return presenter.format(presenter.note(new ChatOutcome.Refused(refusal)));
    }
}
