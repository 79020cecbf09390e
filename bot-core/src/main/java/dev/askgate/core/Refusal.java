package dev.askgate.core;

import dev.askgate.core.usage.BudgetLimit;

import java.time.Instant;
import java.util.Objects;

/** Why Askgate declined a question without asking the model, or withheld its answer. */
public sealed interface Refusal {

    /** Nothing was asked (only a mention, or blank text). */
    record EmptyQuestion() implements Refusal { }

    /** The question alone is larger than the model's context budget. */
    record QuestionTooLong(int tokens, int limit) implements Refusal { }

    /**
     * The question contains something shaped like a credential; {@code kind} names it for a person
     * ("an OpenAI API key", "a Slack token"). The question was sent nowhere.
     */
    record SecretInQuestion(String kind) implements Refusal {
        public SecretInQuestion {
            Objects.requireNonNull(kind, "kind");
        }
    }

    /** Direct messages to the bot are switched off on this platform. */
    record DirectMessagesOff() implements Refusal { }

    /** The access policy does not let this caller, channel or place use the bot. */
    record NotAllowed() implements Refusal { }

    /** The model's answer contained the server's own API key, so it was not shown. */
    record AnswerWithheld() implements Refusal { }

    /**
     * The question's worst case (its prompt and the answer's cap) would pass {@code limit}: {@code used} is what
     * was spent and held before it, in the limit's unit; {@code resetsAt} is when the limit is whole again.
     */
    record OverBudget(BudgetLimit limit, long used, Instant resetsAt) implements Refusal {
        public OverBudget {
            Objects.requireNonNull(limit, "limit");
            Objects.requireNonNull(resetsAt, "resetsAt");
        }
    }

    /** A USD or token budget applies but the usage store cannot be reached: closed for money. */
    record SpendingUnknown() implements Refusal { }
}
