package dev.askgate.slack;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Refusal;
import dev.askgate.core.Usage;
import dev.askgate.core.model.BotFault;
import dev.askgate.core.model.FailureCause;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.render.OutcomeWording;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The notes Askgate shows in a Slack thread after (or instead of) an answer's text, recognised again when the
 * thread is read back, so that the model never takes "(The answer was cut off …)" for its own words. Each note
 * is known by its fixed beginning, worked out from two samples (a note with a number or a model name in it
 * differs only after its beginning).
 */
final class SlackNotes {
    /** Shorter beginnings could match an answer's own last paragraph. */
    private static final int MIN_STEM = 20;
    /** Separates an answer's text from its note (as the core's reply joins them). */
    private static final String SEPARATOR = "\n\n";

    private final List<String> stems = new ArrayList<>();

    /** @param shown a note as it reads back from Slack (formatted, then read as plain text) */
    SlackNotes(OutcomeWording words, UnaryOperator<String> shown) {
        add(words, shown, answered("x", "length"), answered("y", "length"));
        add(words, shown, answered("", "stop"), answered("", "stop"));
        add(words, shown, new ChatOutcome.Refused(new Refusal.AnswerWithheld()),
                new ChatOutcome.Refused(new Refusal.AnswerWithheld()));
        for (FailureCause[] pair : failures()) {
            add(words, shown, new ChatOutcome.Failed(pair[0], ""), new ChatOutcome.Failed(pair[1], ""));
        }
    }

    /** {@code text} without a note at its end; empty when the whole text is a note. */
    String withoutNote(String text) {
        if (isNote(text)) return "";
        int last = text.lastIndexOf(SEPARATOR);
        return last >= 0 && isNote(text.substring(last + SEPARATOR.length())) ? text.substring(0, last) : text;
    }

    private boolean isNote(String paragraph) {
        return stems.stream().anyMatch(paragraph.strip()::startsWith);
    }

    private void add(OutcomeWording words, UnaryOperator<String> shown, ChatOutcome a, ChatOutcome b) {
        String stem = commonPrefix(shown.apply(words.note(a)), shown.apply(words.note(b)));
        if (stem.length() >= MIN_STEM) stems.add(stem);
    }

    private static ChatOutcome answered(String text, String finish) {
        return new ChatOutcome.Answered(text, Usage.NONE, "", finish);
    }

    private static List<FailureCause[]> failures() {
        List<FailureCause[]> pairs = new ArrayList<>(List.of(
                pair(new ModelError.InvalidKey(""), new ModelError.InvalidKey("")),
                pair(new ModelError.PermissionDenied("", ""), new ModelError.PermissionDenied("", "")),
                pair(new ModelError.ModelNotFound("a", ""), new ModelError.ModelNotFound("b", "")),
                pair(new ModelError.ContextTooLong(""), new ModelError.ContextTooLong("")),
                pair(new ModelError.RateLimited(Duration.ofSeconds(2), ""),
                        new ModelError.RateLimited(Duration.ofSeconds(30), "")),
                pair(new ModelError.QuotaExceeded(""), new ModelError.QuotaExceeded("")),
                pair(new ModelError.Upstream(500, ""), new ModelError.Upstream(503, "")),
                pair(new ModelError.Timeout(Duration.ofSeconds(1), ""), new ModelError.Timeout(Duration.ofSeconds(2), "")),
                pair(new ModelError.Network(""), new ModelError.Network("")),
                pair(new ModelError.StreamBroken(1, ""), new ModelError.StreamBroken(2, "")),
                pair(new ModelError.Busy(1, Duration.ZERO), new ModelError.Busy(2, Duration.ofSeconds(1))),
                pair(new ModelError.Rejected(400, "", "", "", ""), new ModelError.Rejected(400, "", "", "", "")),
                pair(new ModelError.NotSent(""), new ModelError.NotSent(""))));
        for (BotFault.Where where : BotFault.Where.values()) {
            BotFault fault = new BotFault(where, new IllegalStateException());
            pairs.add(pair(fault, fault));
        }
        return pairs;
    }

    private static FailureCause[] pair(FailureCause a, FailureCause b) {
        return new FailureCause[] {a, b};
    }

    private static String commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) n++;
        return a.substring(0, n);
    }
}
