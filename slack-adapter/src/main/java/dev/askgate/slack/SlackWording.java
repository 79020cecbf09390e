package dev.askgate.slack;

/**
 * The words Askgate says in Slack about itself (usage, invitations, Slack's own errors), in mrkdwn.
 * What the core's outcomes say comes from the core's wording; this class adds only what is Slack's.
 */
final class SlackWording {
    /** What fits in a private message with the words around it. */
    static final int PRIVATE_ANSWER_CHARS = 3_000;

    private final String command;

    SlackWording(String command) {
        this.command = command;
    }

    String usage() {
        return "*Ask the team's AI model a question.*\n"
                + "• `" + command + " <question>` posts your question here and answers it in a thread.\n"
                + "• Mention me (`@Askgate …`) in a channel I'm in, or reply in one of my threads with a mention, "
                + "to continue a conversation with its history.\n"
                + "• Send me a direct message to ask privately.\n"
                + "• `" + command + " usage` shows what you have used today and this month, and what is left.\n"
                + "Never paste passwords, API keys or tokens: I refuse questions that contain them.";
    }

    /** The ephemeral thanks for a click on an answer's 👍 ({@code up}) or 👎. */
    String feedbackThanks(boolean up) {
        return up ? "Thanks for the feedback! Glad that helped."
                : "Thanks for the feedback. Rephrasing the question or adding detail often gets a better answer.";
    }

    String inviteMe() {
        return "I can't post in this conversation. Invite me with `/invite @Askgate` and ask again"
                + " (in a direct message with someone else, ask me in my own DM instead).";
    }

    String directMessagesOff() {
        return "Direct messages to me are turned off in this workspace. Ask with `" + command
                + "` or a mention in a channel instead.";
    }

    /** A Slack Web API failure that stopped the answer, for the asker. */
    String slackFailed(SlackCallFailed e) {
        if (e.cannotPostHere()) return inviteMe();
        return switch (e.error()) {
            case "ratelimited" -> "Slack is limiting how fast I can post right now. Please ask again in a minute.";
            case "msg_too_long" -> "My answer was too long for Slack, even split into several messages.";
            case "network" -> "I couldn't reach Slack to post the answer. Please try again.";
            case "backlog" -> "So many questions are waiting in this channel that Slack would not let me post for"
                    + " minutes. Please ask again later, or in another channel.";
            case "timeout" -> "Slack did not confirm my answer in time, several times over. Please check the thread,"
                    + " and ask again if the answer is missing.";
            default -> "Slack refused to show my answer (`" + e.error() + "`). Please try again; if it keeps"
                    + " happening, tell the person who runs Askgate.";
        };
    }

    /**
     * An answer that could not be posted in the thread after every retry: why, then the answer itself (as much
     * as a private message holds), so that the asker still has it.
     */
    String answerNotPosted(SlackCallFailed e, String answerMrkdwn) {
        if (answerMrkdwn == null || answerMrkdwn.isBlank() || e.cannotPostHere()) return slackFailed(e);
        String shown = answerMrkdwn.length() <= PRIVATE_ANSWER_CHARS ? answerMrkdwn
                : answerMrkdwn.substring(0, PRIVATE_ANSWER_CHARS) + "\n… (cut short here)";
        return slackFailed(e) + "\nMy answer, only for you:\n\n" + shown;
    }

    String busyRestarting() {
        return "I'm restarting right now. Please ask again in a minute.";
    }
}
