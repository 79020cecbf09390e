package dev.askgate.slack;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.render.EditPacer;
import dev.askgate.core.render.Presenter;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers as Slack's native streams show them: the model's Markdown as it is (Slack renders it), with nothing in
 * it that notifies anyone ({@link SlackText#unpinged}), in parts that one {@code markdown_text} call can hold, and
 * appends paced on their own budget. The words of every outcome, the private notes and the reading of history are
 * {@link SlackPresenter}'s, which is also the {@linkplain #fallback fallback} when a stream cannot start.
 */
final class SlackNativePresenter implements Presenter {
    /** Slack's 12,000 characters per {@code markdown_text} call, less room for a note added at the end. */
    static final int PART_CHARS = MarkdownBlock.LIMIT - 1_000;
    /** Appends to one stream at least this far apart: text arrives in a few readable steps, not per token. */
    static final Duration LEAST_APPEND_INTERVAL = Duration.ofSeconds(1);

    private final SlackPresenter edits;
    private final EditPacer appends;

    /** @param appends the budget of {@code chat.appendStream} (Tier 4), counted per workspace */
    SlackNativePresenter(SlackPresenter edits, EditPacer appends) {
        this.edits = Objects.requireNonNull(edits, "edits");
        this.appends = Objects.requireNonNull(appends, "appends");
    }

    /**
     * {@code chat.appendStream} is Tier 4 (100+ a minute per workspace): one append per {@code interval} (at least
     * a second) per stream, 100 in any 61 s per workspace, with room kept for the answers' final appends.
     */
    static EditPacer appendPacer(Duration interval, Clock clock) {
        Duration each = interval.compareTo(LEAST_APPEND_INTERVAL) < 0 ? LEAST_APPEND_INTERVAL : interval;
        return new EditPacer(each, 100, Duration.ofSeconds(61), clock).keepingFinalsFree();
    }

    @Override
    public String format(String markdown) {
        return SlackText.unpinged(markdown);
    }

    @Override
    public int partLength() {
        return PART_CHARS;
    }

    @Override
    public boolean refusedAsTooLong(RuntimeException failure) {
        return edits.refusedAsTooLong(failure);
    }

    @Override
    public String note(ChatOutcome outcome) {
        return edits.note(outcome);
    }

    @Override
    public EditPacer pacer() {
        return appends;
    }

    @Override
    public Optional<Duration> typingRenewal() {
        return edits.typingRenewal();
    }

    @Override
    public boolean notesPrivatelyWhenNothingShown() {
        return edits.notesPrivatelyWhenNothingShown();
    }

    @Override
    public Optional<String> notPosted(ChatRequest request, RuntimeException failure, String shownText) {
        return edits.notPosted(request, failure, shownText);
    }

    @Override
    public String answerIn(String ownMessage) {
        return edits.answerIn(ownMessage);
    }

    @Override
    public Optional<Presenter> fallback() {
        return Optional.of(edits);
    }
}
