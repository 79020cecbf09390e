package dev.askgate.discord;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Refusal;
import dev.askgate.core.model.ModelError;

/**
 * Every outcome in a few words of Discord Markdown: the note shown after (or instead of) an answer.
 * Never a stack trace, never raw JSON, never the question's text.
 */
final class DiscordWording {

    static final String USAGE = "Ask me something: mention me with your question (`@Askgate how do I …`), "
            + "reply to one of my answers to continue, or use `/ask`.";
    static final String NOT_ALLOWED = "Sorry, I'm not available to you here. An admin of this server decides "
            + "where and for whom I answer.";
    static final String SECRET_REMOVED = "I deleted your message because it seemed to contain a secret.";

    /** The note for {@code outcome}; empty for a plain complete answer. */
    String note(ChatOutcome outcome) {
        return switch (outcome) {
            case ChatOutcome.Answered answered -> answered.truncated()
                    ? "-# The answer was cut off at the output limit; ask me to continue." : "";
            case ChatOutcome.Refused refused -> refusal(refused.refusal());
            case ChatOutcome.Failed failed -> warning(error(failed.error(), !failed.partialText().isBlank()));
        };
    }

    String refusal(Refusal refusal) {
        return switch (refusal) {
            case Refusal.EmptyQuestion e -> USAGE;
            case Refusal.QuestionTooLong t -> warning("Your question is too long for the model (about " + t.tokens()
                    + " tokens; the limit is " + t.limit() + "). Please shorten it.");
            case Refusal.SecretInQuestion s -> warning("Your message looks like it contains " + s.kind()
                    + ", so I did not send it anywhere. Treat that secret as exposed: **revoke it and create a new one.**");
            case Refusal.NotAllowed n -> NOT_ALLOWED;
            case Refusal.AnswerWithheld w -> warning("I withheld the answer because it contained confidential "
                    + "server data. An operator has been told.");
        };
    }

    private static String error(ModelError error, boolean partial) {
        String cut = partial ? "The answer stopped early: " : "";
        return switch (error) {
            case ModelError.InvalidKey k -> cut + "the bot's OpenAI key was rejected; an operator has been told.";
            case ModelError.PermissionDenied p -> cut + "the bot's OpenAI key may not use this model; an operator "
                    + "has to fix it.";
            case ModelError.ModelNotFound m -> cut + "the configured model does not exist; an operator has to fix it.";
            case ModelError.ContextTooLong c -> cut + "this conversation is too long for the model. Start a new one "
                    + "with a fresh mention.";
            case ModelError.RateLimited r -> cut + "the model is busy right now (rate limited). Please try again "
                    + (r.retryAfter().toSeconds() > 0 ? "in about " + r.retryAfter().toSeconds() + " s." : "in a minute.");
            case ModelError.QuotaExceeded q -> cut + "the bot's OpenAI account is out of quota; an operator has to "
                    + "top it up.";
            case ModelError.Upstream u -> cut + "the model service had a problem (" + u.status() + "). Please try again.";
            case ModelError.Rejected r -> cut + "the model refused the request (" + r.status() + "). Please rephrase.";
            case ModelError.Timeout t -> cut + "the model did not answer in time. Please try again.";
            case ModelError.Network n -> cut + "I could not reach the model service. Please try again.";
            case ModelError.StreamBroken b -> "The answer broke off after " + b.charsReceived()
                    + " characters. Please ask again.";
        };
    }

    private static String warning(String text) {
        return "\u26a0\ufe0f " + text;
    }
}
