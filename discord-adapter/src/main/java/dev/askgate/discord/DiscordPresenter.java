package dev.askgate.discord;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.render.EditPacer;
import dev.askgate.core.render.Presenter;
import net.dv8tion.jda.api.entities.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Answers as Discord shows them: Markdown as it is, parts of at most 2,000 characters, {@link DiscordWording}'s
 * notes in place (a reply, or a thread's message; the secret notice goes where {@link SecretNotice} or the
 * {@code /ask} hook sends it), the typing indicator renewed every 8 s (Discord shows it for about 10 s).
 */
final class DiscordPresenter implements Presenter {
    private static final Logger log = LoggerFactory.getLogger(DiscordPresenter.class);
    private static final Duration TYPING_RENEWAL = Duration.ofSeconds(8);

    private final DiscordWording wording;
    private final EditPacer pacer;

    /** @param pacer the edit pacer shared by every Discord reply (see {@code EditPacer.forDiscord}) */
    DiscordPresenter(DiscordWording wording, EditPacer pacer) {
        this.wording = Objects.requireNonNull(wording, "wording");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
    }

    @Override
    public String format(String markdown) {
        return markdown;
    }

    @Override
    public int partLength() {
        return Message.MAX_CONTENT_LENGTH;
    }

    @Override
    public String note(ChatOutcome outcome) {
        return wording.note(outcome);
    }

    @Override
    public EditPacer pacer() {
        return pacer;
    }

    @Override
    public Optional<Duration> typingRenewal() {
        return Optional.of(TYPING_RENEWAL);
    }

    /** A note is a reply to the question: a refused or failed question never looks ignored. */
    @Override
    public boolean notesPrivatelyWhenNothingShown() {
        return false;
    }

    /** Discord has no private way to a channel's asker for a message it would not take: the log says why. */
    @Override
    public Optional<String> notPosted(ChatRequest request, RuntimeException failure, String shownText) {
        log.warn("request={} platform=discord channel={} the final message could not be sent: {}",
                request.requestId(), request.caller().channelId(), DiscordErrors.describe(failure));
        return Optional.empty();
    }

    @Override
    public String answerIn(String ownMessage) {
        return DiscordWording.withoutNotes(ownMessage);
    }
}
