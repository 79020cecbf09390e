package dev.askgate.server;

import dev.askgate.core.Caller;
import dev.askgate.core.ChatOutcome;
import dev.askgate.core.ChatRequest;
import dev.askgate.core.ChatService;
import dev.askgate.core.Conversation;
import dev.askgate.core.Platform;
import dev.askgate.core.ReplySink;
import dev.askgate.core.RequestId;
import dev.askgate.core.Turn;
import dev.askgate.core.Usage;
import org.slf4j.MDC;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Objects;

/**
 * {@code askgate chat}: a conversation with the model through the same core the bots use. One question per
 * input line; the answer streams to {@code out}; usage lines, refusals and errors go to {@code err}, so that
 * {@code out} carries only answers. Decorations (greeting, prompts) only when {@code interactive}; without them
 * (a pipe) a question that gets no answer (refused, or failed before any text) is an empty line on {@code out},
 * so that answers keep lining up with questions.
 */
final class TerminalChat {
    private final ChatService chat;
    private final OperatorWording words;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final Caller caller;

    TerminalChat(ChatService chat, OperatorWording words, BufferedReader in, PrintStream out, PrintStream err,
                 boolean interactive, String userName) {
        this.chat = Objects.requireNonNull(chat, "chat");
        this.words = Objects.requireNonNull(words, "words");
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.interactive = interactive;
        this.caller = new Caller(Platform.TERMINAL, "", "terminal", userName);
    }

    /** Reads questions until {@code /exit} or the end of input; returns the exit status (0). */
    int run() throws IOException {
        if (interactive) {
            err.println("Askgate chat with " + chat.settings().model() + ". Ask a question; /reset starts over, /exit quits.");
        }
        Conversation history = Conversation.empty();
        while (true) {
            prompt("you> ");
            String line = in.readLine();
            if (line == null) {
                if (interactive) out.println();
                return 0;
            }
            String question = line.strip();
            switch (question) {
                case "" -> { }
                case "/exit", "/quit" -> { return 0; }
                case "/reset" -> {
                    history = Conversation.empty();
                    if (interactive) err.println("(new conversation)");
                }
                default -> history = ask(history, question);
            }
        }
    }

    /** Asks one question; returns the conversation including it when it was answered. */
    private Conversation ask(Conversation history, String question) {
        String requestId = RequestId.generate().value();
        MDC.put("requestId", requestId);
        try {
            prompt("askgate> ");
            var printed = new PrintedText(out);
            ChatOutcome outcome = chat.ask(new ChatRequest(requestId, caller, history, question), printed);
            return switch (outcome) {
                case ChatOutcome.Answered answered -> {
                    printed.finish(answered.text());
                    err.println(usageLine(answered));
                    if (answered.truncated()) err.println(words.note(answered));
                    yield history.with(Turn.user(question)).with(Turn.assistant(answered.text()));
                }
                case ChatOutcome.Refused refused -> {
                    finishUnanswered(printed);
                    err.println(words.refusal(refused.refusal()));
                    yield history;
                }
                case ChatOutcome.Failed failed -> {
                    finishUnanswered(printed);
                    err.println(words.failure(failed.cause()));
                    yield history;
                }
            };
        } finally {
            MDC.remove("requestId");
        }
    }

    /**
     * Ends the output for a question without an answer. In a pipe that is an empty line, so that the reader still
     * gets one answer per question; the words saying why go to stderr.
     */
    private void finishUnanswered(PrintedText printed) {
        printed.finish("");
        if (!interactive && printed.isEmpty()) out.println();
        out.flush();
    }

    private void prompt(String text) {
        if (interactive) {
            out.print(text);
            out.flush();
        }
    }

    static String usageLine(ChatOutcome.Answered answered) {
        Usage u = answered.usage();
        String line = "usage: " + u.promptTokens() + " prompt (" + u.cachedTokens() + " cached) + "
                + u.completionTokens() + " completion tokens"
                + (u.reasoningTokens() > 0 ? " (" + u.reasoningTokens() + " reasoning)" : "")
                + (u.estimated() ? ", estimated (the endpoint reported none)" : "")
                + (answered.model().isEmpty() ? "" : ", model " + answered.model());
        return answered.truncated() ? line + ", cut at the output limit (ASKGATE_MAX_OUTPUT_TOKENS)" : line;
    }

    /** Prints deltas as they arrive and ends the answer with exactly one newline. */
    private static final class PrintedText implements ReplySink {
        private final PrintStream out;
        private final StringBuilder shown = new StringBuilder();

        PrintedText(PrintStream out) {
            this.out = out;
        }

        @Override
        public void delta(String text) {
            shown.append(text);
            out.print(text);
            out.flush();
        }

        boolean isEmpty() {
            return shown.isEmpty();
        }

        /** Prints {@code whole} if nothing streamed (a non-streamed answer), then ends the line. */
        void finish(String whole) {
            if (shown.isEmpty() && !whole.isEmpty()) {
                shown.append(whole);
                out.print(whole);
            }
            if (!shown.isEmpty() && shown.charAt(shown.length() - 1) != '\n') out.println();
            out.flush();
        }
    }
}
