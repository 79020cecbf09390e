package dev.askgate.server;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Refusal;
import dev.askgate.core.model.BotFault;
import dev.askgate.core.model.FailureCause;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.render.OutcomeWording;

import java.util.Objects;

/**
 * The words for {@code askgate chat}, whose reader is the operator: where a chat user would read "an operator has
 * been told", this says what to change. Everything a user could act on is worded as for everyone.
 */
final class OperatorWording {
    private final OutcomeWording words;

    OperatorWording(OutcomeWording words) {
        this.words = Objects.requireNonNull(words, "words");
    }

    String note(ChatOutcome.Answered answered) {
        return words.note(answered);
    }

    String refusal(Refusal refusal) {
        return switch (refusal) {
            case Refusal.AnswerWithheld ignored -> "The rest of this answer was withheld because it contained the "
                    + "server's OpenAI key; the log says more. Revoke that key and put a new one in place.";
            case Refusal.EmptyQuestion ignored -> words.refusal(refusal);
            case Refusal.QuestionTooLong ignored -> words.refusal(refusal);
            case Refusal.SecretInQuestion ignored -> words.refusal(refusal);
            case Refusal.NotAllowed ignored -> words.refusal(refusal);
            case Refusal.DirectMessagesOff ignored -> words.refusal(refusal);
            case Refusal.OverBudget ignored -> words.refusal(refusal);
            case Refusal.SpendingUnknown ignored -> "The usage store cannot be reached (ASKGATE_DB_URL), and a USD or "
                    + "token budget applies, so the question was not sent; /readyz shows the store's state.";
        };
    }

    String failure(FailureCause cause) {
        return switch (cause) {
            case ModelError error -> error(error);
            case BotFault fault -> fault(fault);
        };
    }

    /** The operator has the log at hand: where inside Askgate it failed, and how to see why. */
    private static String fault(BotFault fault) {
        String where = switch (fault.where()) {
            case SINK -> "while printing the answer";
            case CLIENT -> "inside the model client";
            case ADAPTER -> "around the answer";
        };
        return "Askgate failed " + where + " (" + fault.exception().getClass().getSimpleName()
                + "); run with ASKGATE_LOG_LEVEL=DEBUG to see why.";
    }

    String error(ModelError error) {
        return switch (error) {
            case ModelError.InvalidKey ignored -> "The OpenAI key was rejected (401): put a valid key in OPENAI_API_KEY "
                    + "or OPENAI_API_KEY_FILE (askgate check tests it).";
            case ModelError.QuotaExceeded ignored -> "The OpenAI account is out of credit (429 insufficient_quota): "
                    + "add credit or raise the project's limit in OpenAI's billing settings.";
            case ModelError.ModelNotFound notFound -> "The model" + (notFound.model().isBlank() ? "" : " "
                    + notFound.model()) + " is not available on this endpoint (retired or misspelled): set "
                    + "OPENAI_MODEL to a current model it lists (askgate check shows whether it does).";
            case ModelError.PermissionDenied ignored -> "The key may not use this model here (403): check the "
                    + "project's model permissions and region, or OPENAI_PROJECT_ID / OPENAI_ORG_ID.";
            case ModelError.NotSent ignored -> "The request failed inside Askgate "
                    + "before it was sent; run with ASKGATE_LOG_LEVEL=DEBUG to see why.";
            case ModelError.Rejected ignored -> words.error(error);
            case ModelError.RateLimited ignored -> words.error(error);
            case ModelError.ContextTooLong ignored -> words.error(error);
            case ModelError.Timeout ignored -> words.error(error) + " (OPENAI_TIMEOUT_SECONDS sets the limit.)";
            case ModelError.Upstream ignored -> words.error(error);
            case ModelError.Network ignored -> "Could not reach the model endpoint: check OPENAI_BASE_URL, DNS, "
                    + "proxies and the network.";
            case ModelError.StreamBroken ignored -> words.error(error);
            case ModelError.Busy ignored -> words.error(error) + " (OPENAI_MAX_CONCURRENT sets how many calls run "
                    + "at once.)";
        };
    }
}
