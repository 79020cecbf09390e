package dev.askgate.core.render;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;

import java.time.Duration;
import java.util.Optional;

/**
 * One platform's presentation of answers, for {@link ReplyFlow}: its text format and part length
 * ({@link PartLayout}), its words for every outcome, its edit budget, its typing indicator, whether a note
 * with nothing shown goes to the asker privately, and the reverse for history (the bot's own messages back
 * into the answers they showed). One implementation per platform, in its adapter.
 */
public interface Presenter extends PartLayout {

    /**
     * The note shown after (or instead of) the answer's text, in Markdown with the platform's own marks
     * (it is formatted with the text): empty for a complete answer.
     */
    String note(ChatOutcome outcome);

    /** The pacer of this platform's creates and edits (one per platform, shared by every reply). */
    EditPacer pacer();

    /** How often the typing indicator is renewed while the model thinks; empty when the platform shows none. */
    Optional<Duration> typingRenewal();

    /**
     * Whether a refusal or failure that left nothing shown goes to the asker privately (Slack: ephemeral)
     * rather than in place (Discord: a reply). A notice about a secret always goes privately.
     */
    boolean notesPrivatelyWhenNothingShown();

    /**
     * The platform refused the final messages even after its retries: the words (in the platform's text) that
     * reach the asker privately, with the answer if they can hold it; empty when a log line is all there is to do.
     */
    Optional<String> notPosted(ChatRequest request, RuntimeException failure, String shownText);

    /**
     * The answer that one of the bot's own messages (platform text) showed, without the notes added for people
     * (hints, refusals, errors, footers); empty when the message is only a note.
     */
    String answerIn(String ownMessage);

    /**
     * The presentation to use when the target {@linkplain SurfaceDeclined declines} this one (Slack's posted and
     * updated mrkdwn messages for its native streams); it also formats what reaches the asker privately, which is
     * never a stream. Empty when there is no other way.
     */
    default Optional<Presenter> fallback() {
        return Optional.empty();
    }

    /** One answer's text from two consecutive parts, without the fence lines the split added. */
    default String joinParts(String earlier, String next) {
        return AnswerParts.join(earlier, next);
    }
}
