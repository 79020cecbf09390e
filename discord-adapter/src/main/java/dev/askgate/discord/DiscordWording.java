package dev.askgate.discord;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Refusal;
import dev.askgate.core.render.OutcomeWording;

/**
 * Core's {@link OutcomeWording} in Discord Markdown: refusals and errors marked with a warning sign, the
 * truncation note as small subtext. Never a stack trace, raw JSON or the question's text.
 */
final class DiscordWording {
    static final String USAGE = "Ask me something: mention me with your question (`@Askgate how do I undo a commit?`), "
            + "reply to one of my answers to continue, or use `/ask`.";
    static final String DMS_OFF = "I only answer in servers here: mention me in a channel, or use `/ask` there.";
    static final String SECRET_REMOVED = "I deleted your message so that the secret is no longer shown there.";
    private static final String WARNING = "\u26a0\ufe0f ";
    private static final String ADMINS_DECIDE = " The admins of this server decide where and for whom I answer.";

    private final OutcomeWording words = new OutcomeWording(USAGE);

    /** The note shown after (or instead of) the answer; empty for a complete, non-empty answer. */
    String note(ChatOutcome outcome) {
        return switch (outcome) {
            // An empty answer must still say something, or the question would look ignored.
            case ChatOutcome.Answered answered when answered.text().isBlank() -> warning(words.note(outcome));
            case ChatOutcome.Answered answered -> answered.truncated() ? "-# " + words.note(outcome) : "";
            case ChatOutcome.Refused refused -> refusal(refused.refusal());
            case ChatOutcome.Failed failed -> warning(words.note(outcome));
        };
    }

    String refusal(Refusal refusal) {
        return switch (refusal) {
            case Refusal.EmptyQuestion empty -> words.refusal(empty);
            case Refusal.NotAllowed ignored -> notAllowed();
            case Refusal.DirectMessagesOff ignored -> DMS_OFF;
            case Refusal.QuestionTooLong tooLong -> warning(words.refusal(tooLong));
            case Refusal.SecretInQuestion secret -> warning(words.refusal(secret));
            case Refusal.AnswerWithheld withheld -> warning(words.refusal(withheld));
            case Refusal.OverBudget over -> warning(words.refusal(over));
            case Refusal.SpendingUnknown unknown -> warning(words.refusal(unknown));
        };
    }

    /** The polite refusal for someone the access policy turns away. */
    String notAllowed() {
        return words.refusal(new Refusal.NotAllowed()) + ADMINS_DECIDE;
    }

    /**
     * The answer in one of the bot's own messages, without what it says to people rather than to the model:
     * a message that is only a hint, refusal or error gives nothing; an appended error or footnote is cut off.
     */
    static String withoutNotes(String text) {
        if (text.startsWith(WARNING) || text.equals(USAGE) || text.endsWith(ADMINS_DECIDE)
                || text.equals(DMS_OFF) || text.equals(DiscordAskListener.RESTARTING)) {
            return "";
        }
        int error = text.indexOf("\n\n" + WARNING);
        String answer = error >= 0 ? text.substring(0, error) : text;
        int footnote = answer.lastIndexOf("\n\n-# ");
        if (footnote >= 0 && answer.indexOf('\n', footnote + 2) < 0) answer = answer.substring(0, footnote);
        return answer;
    }

    private static String warning(String text) {
        return WARNING + text;
    }
}
