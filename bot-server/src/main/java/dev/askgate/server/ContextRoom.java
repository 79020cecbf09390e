package dev.askgate.server;

import com.knuddels.jtokkit.api.EncodingRegistry;
import dev.askgate.core.ChatConfig;
import dev.askgate.core.Turn;
import dev.askgate.core.config.Settings;
import dev.askgate.core.context.ContextWindow;

/**
 * Checks at start that the token settings leave room for questions: the answer's room
 * ({@code ASKGATE_MAX_OUTPUT_TOKENS}) must be smaller than the context ({@code ASKGATE_CONTEXT_TOKENS}), and the
 * system prompt, counted with the same tokenizer as every call, must leave at least {@value #MIN_QUESTION_TOKENS}
 * tokens for a question. Otherwise every question would be refused, or the wiring would fail.
 */
final class ContextRoom {
    /** About 500 characters of English: a short question. */
    static final int MIN_QUESTION_TOKENS = 128;

    private ContextRoom() {
    }

    /** Adds one problem line to {@code settings} for each setting that leaves too little room. */
    static void check(Settings settings, String model, String systemPrompt, int contextTokens, int maxOutputTokens,
                      EncodingRegistry tokenizers) {
        // Both numbers come from Settings.integer, which keeps them at 256 or more and 0 or more.
        if (maxOutputTokens >= contextTokens) {
            settings.problem("ASKGATE_MAX_OUTPUT_TOKENS (" + maxOutputTokens + ") must be less than "
                    + "ASKGATE_CONTEXT_TOKENS (" + contextTokens + "): the answer's tokens are part of the context; "
                    + "lower the first or raise the second");
            return;
        }
        var window = new ContextWindow(new ChatConfig(model, systemPrompt, contextTokens, maxOutputTokens), tokenizers);
        int room = window.limit();
        if (room < MIN_QUESTION_TOKENS) {
            settings.problem("ASKGATE_MAX_OUTPUT_TOKENS (" + maxOutputTokens + ") leaves " + room + " of "
                    + "ASKGATE_CONTEXT_TOKENS (" + contextTokens + ") for the system prompt and the question; at least "
                    + MIN_QUESTION_TOKENS + " are needed: lower the first or raise the second");
            return;
        }
        // What the system prompt and the message framing cost before anyone asks anything; the byte bound answers
        // for an ordinary prompt, so start-up does not load the tokenizer (it loads at the first question).
        if (!window.leavesRoom(systemPrompt, MIN_QUESTION_TOKENS)) {
            settings.problem("ASKGATE_SYSTEM_PROMPT is " + window.count(Turn.system(systemPrompt)) + " tokens; "
                    + "ASKGATE_CONTEXT_TOKENS leaves room for " + room + reserveNote(contextTokens, room)
                    + ": shorten the prompt or raise ASKGATE_CONTEXT_TOKENS, so that at least " + MIN_QUESTION_TOKENS
                    + " tokens remain for a question");
        }
    }

    private static String reserveNote(int contextTokens, int room) {
        return " (" + contextTokens + " minus " + (contextTokens - room) + " kept for the answer)";
    }
}
