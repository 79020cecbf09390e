package dev.askgate.core.admission;

import dev.askgate.core.Caller;
import dev.askgate.core.Refusal;

import java.util.Objects;

/** Admission's answer for one question; adapters switch over both cases. */
public sealed interface Verdict {

    /**
     * Take the question: answer it on a worker. {@code caller} may carry more than the adapter gave (a direct
     * message's sender gets the roles they hold where they are allowed, for the role lists); {@code question} is
     * stripped.
     */
    record Admitted(Caller caller, String question) implements Verdict {
        public Admitted {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(question, "question");
        }
    }

    /**
     * Decline it. {@code tell}: whether to say so now; access refusals are told at most once a minute per person
     * (and the direct-messages-off notice once an hour), so that nobody can make the bot fill a channel with them.
     */
    record Refused(Refusal refusal, boolean tell) implements Verdict {
        public Refused {
            Objects.requireNonNull(refusal, "refusal");
        }
    }
}
