package dev.askgate.slack;

import dev.askgate.core.config.Settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The assistant side panel ({@code SLACK_ASSISTANT}): whether Askgate serves Slack's assistant threads, the greeting
 * a new thread opens with, and the suggested prompts shown under it.
 *
 * @param enabled whether assistant threads are served (off: their events are acknowledged and ignored)
 * @param greeting the first message in a new assistant thread (mrkdwn)
 * @param prompts  at most {@link #MAX_PROMPTS} suggestions; empty shows none
 */
public record SlackAssistantConfig(boolean enabled, String greeting, List<Prompt> prompts) {
    /** Slack shows at most four suggested prompts. */
    public static final int MAX_PROMPTS = 4;
    /** Longer titles are cut by Slack's panel; longer messages are no longer a suggestion. */
    public static final int MAX_TITLE = 75;
    public static final int MAX_MESSAGE = 1000;
    public static final int MAX_GREETING = 1000;
    public static final String DEFAULT_GREETING = "Hi! Ask me anything — I answer right here in this thread, and"
            + " follow-ups keep the conversation.";
    public static final List<Prompt> DEFAULT_PROMPTS = List.of(
            new Prompt("Explain a concept", "Explain a concept to me simply, with an example."),
            new Prompt("Review some code", "Review this code and point out bugs and improvements:"),
            new Prompt("Draft a message", "Help me draft a short, friendly message to my team about"));
    public static final SlackAssistantConfig OFF = new SlackAssistantConfig(false, DEFAULT_GREETING, DEFAULT_PROMPTS);

    /** One suggested prompt: the {@code title} shown, the {@code message} sent as the person's when clicked. */
    public record Prompt(String title, String message) {
        public Prompt {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(message, "message");
            if (title.isBlank() || title.length() > MAX_TITLE) throw new IllegalArgumentException("title length");
            if (message.isBlank() || message.length() > MAX_MESSAGE) throw new IllegalArgumentException("message length");
        }
    }

    public SlackAssistantConfig {
        Objects.requireNonNull(greeting, "greeting");
        prompts = List.copyOf(prompts);
        if (prompts.size() > MAX_PROMPTS) throw new IllegalArgumentException("more than " + MAX_PROMPTS + " prompts");
    }

    /** Served, with the default greeting and prompts. */
    public static SlackAssistantConfig on() {
        return new SlackAssistantConfig(true, DEFAULT_GREETING, DEFAULT_PROMPTS);
    }

    /**
     * Reads {@code SLACK_ASSISTANT}, {@code SLACK_ASSISTANT_GREETING} and {@code SLACK_ASSISTANT_PROMPTS}
     * ({@code title=message} pairs separated by {@code |}, or {@code none}); problems are added to {@code s}.
     */
    static SlackAssistantConfig from(Settings s) {
        boolean enabled = s.bool("SLACK_ASSISTANT", false);
        String greeting = s.string("SLACK_ASSISTANT_GREETING", DEFAULT_GREETING);
        if (greeting.length() > MAX_GREETING) {
            s.problem("SLACK_ASSISTANT_GREETING must be at most " + MAX_GREETING + " characters (got "
                    + greeting.length() + ")");
            greeting = DEFAULT_GREETING;
        }
        List<Prompt> prompts = s.string("SLACK_ASSISTANT_PROMPTS").map(raw -> prompts(s, raw)).orElse(DEFAULT_PROMPTS);
        return new SlackAssistantConfig(enabled, greeting, prompts);
    }

    private static List<Prompt> prompts(Settings s, String raw) {
        if (raw.equalsIgnoreCase("none")) return List.of();
        String[] parts = raw.split("\\|");
        if (parts.length > MAX_PROMPTS) {
            s.problem("SLACK_ASSISTANT_PROMPTS holds at most " + MAX_PROMPTS + " prompts, separated by | (got "
                    + parts.length + ")");
            return DEFAULT_PROMPTS;
        }
        List<Prompt> prompts = new ArrayList<>();
        for (String part : parts) {
            Optional<Prompt> prompt = prompt(part);
            if (prompt.isEmpty()) {
                s.problem("SLACK_ASSISTANT_PROMPTS must be title=message pairs separated by | (a title of 1-"
                        + MAX_TITLE + " characters, a message of 1-" + MAX_MESSAGE + "), or none "
                        + Settings.quoted(part.strip()));
                return DEFAULT_PROMPTS;
            }
            prompts.add(prompt.get());
        }
        return prompts;
    }

    private static Optional<Prompt> prompt(String part) {
        int eq = part.indexOf('=');
        if (eq < 0) return Optional.empty();
        String title = part.substring(0, eq).strip();
        String message = part.substring(eq + 1).strip();
        if (title.isEmpty() || title.length() > MAX_TITLE || message.isEmpty() || message.length() > MAX_MESSAGE) {
            return Optional.empty();
        }
        return Optional.of(new Prompt(title, message));
    }
}
