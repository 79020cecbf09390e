package dev.askgate.core.render;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Refusal;
import dev.askgate.core.model.BotFault;
import dev.askgate.core.model.FailureCause;
import dev.askgate.core.model.ModelError;

import java.time.Duration;
import java.util.Objects;

/**
 * The words a person reads for every outcome: plain text, short and polite, never a stack trace, raw JSON
 * or a secret. Adapters apply their platform's formatting to it. The switches are exhaustive, so a new
 * outcome, refusal or error does not compile until it has words here.
 */
public final class OutcomeWording {
    private final String usageHint;

    /**
     * @param usageHint how to ask on this platform, shown for an empty question
     *                  (e.g. "Mention me with a question, like: @Askgate how do I undo a commit?")
     */
    public OutcomeWording(String usageHint) {
        this.usageHint = Objects.requireNonNull(usageHint, "usageHint");
    }

    /**
     * What to show after (or instead of) the answer's text: empty for a complete answer, a note for a
     * truncated or empty one, and the explanation of every refusal or failure.
     */
    public String note(ChatOutcome outcome) {
        return switch (outcome) {
            case ChatOutcome.Answered answered -> answeredNote(answered);
            case ChatOutcome.Refused refused -> refusal(refused.refusal());
            case ChatOutcome.Failed failed -> failure(failed.cause());
        };
    }

    private static String answeredNote(ChatOutcome.Answered answered) {
        if (answered.text().isBlank()) return "The model returned an empty answer. Please try again or rephrase.";
        return answered.truncated()
                ? "(The answer was cut off because it reached the length limit. Ask me to continue.)" : "";
    }

    /** Why a question was declined. */
    public String refusal(Refusal refusal) {
        return switch (refusal) {
            case Refusal.EmptyQuestion ignored -> usageHint.isBlank() ? "Please ask me a question." : usageHint;
            case Refusal.QuestionTooLong tooLong -> "That question is too long for me: it is about "
                    + tooLong.tokens() + " tokens and I can take at most " + tooLong.limit()
                    + ". Please shorten it or split it into smaller questions.";
            case Refusal.SecretInQuestion secret -> "I did not send your message anywhere: it looks like it contains "
                    + secret.kind() + ". Please revoke that secret now and create a new one, because this chat has "
                    + "already seen it.";
            case Refusal.NotAllowed ignored -> "Sorry, I am not available to you here.";
            case Refusal.DirectMessagesOff ignored -> "I do not answer direct messages here. Please ask me in a "
                    + "channel.";
            case Refusal.AnswerWithheld ignored -> "I withheld the rest of this answer because it contained "
                    + "confidential server data. An operator has been told.";
            case Refusal.OverBudget over -> BudgetWording.overBudget(over);
            case Refusal.SpendingUnknown ignored -> BudgetWording.SPENDING_UNKNOWN;
        };
    }

    /** Why an answer failed: the model's error, or the bot's own fault (never told as OpenAI's). */
    public String failure(FailureCause cause) {
        return switch (cause) {
            case ModelError error -> error(error);
            case BotFault fault -> fault(fault);
        };
    }

    /** A failure inside the bot: nothing the person did, nothing OpenAI did; the operator has the details. */
    public String fault(BotFault fault) {
        return switch (fault.where()) {
            case SINK -> "Something went wrong inside the bot while it was showing the answer here. An operator "
                    + "can find the details in the log.";
            case CLIENT -> "Something went wrong inside the bot while it was asking the model. An operator can find "
                    + "the details in the log.";
            case ADAPTER -> "Something went wrong inside the bot before it could answer. An operator can find the "
                    + "details in the log.";
        };
    }

    /** What went wrong with the model, and what the person (or an operator) can do about it. */
    public String error(ModelError error) {
        return switch (error) {
            case ModelError.InvalidKey ignored -> "The bot's OpenAI key was rejected; an operator has been told.";
            case ModelError.QuotaExceeded ignored -> "The bot's OpenAI account is out of credit, so I cannot answer "
                    + "right now. An operator needs to add credit.";
            case ModelError.RateLimited limited -> "OpenAI is busy right now. Please try again "
                    + inSeconds(limited.retryAfter()) + ".";
            case ModelError.ContextTooLong ignored -> "This conversation has become too long for the model. "
                    + "Please start a new one.";
            case ModelError.Timeout ignored -> "OpenAI took too long to answer. Please try again.";
            case ModelError.Upstream ignored -> "OpenAI is having trouble right now. Please try again in a minute.";
            case ModelError.Network ignored -> "I could not reach OpenAI. Please try again in a minute.";
            case ModelError.StreamBroken ignored -> "The answer was cut off: the connection to OpenAI broke.";
            case ModelError.Busy ignored -> "I am answering a lot of questions right now. Please ask again in a minute.";
            case ModelError.ModelNotFound notFound -> "The model this bot is set up to use"
                    + (notFound.model().isBlank() ? "" : " (" + notFound.model() + ")")
                    + " is not available (it may have been retired). An operator needs to change the configuration.";
            case ModelError.PermissionDenied ignored -> "The bot's OpenAI key may not use this model here. "
                    + "An operator needs to check the project's permissions.";
            case ModelError.NotSent ignored -> "Something went wrong inside the bot "
                    + "before your question was sent. An operator can find the details in the log.";
            case ModelError.Rejected ignored -> "OpenAI declined this request. Please rephrase your question.";
        };
    }

    private static String inSeconds(Duration wait) {
        if (wait.isZero()) return "in a few seconds";
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return seconds == 1 ? "in 1 second" : "in " + seconds + " seconds";
    }
}
