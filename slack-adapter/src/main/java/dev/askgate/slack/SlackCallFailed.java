package dev.askgate.slack;

/**
 * A Slack Web API call that did not succeed, by Slack's error code ({@code not_in_channel},
 * {@code msg_too_long}, {@code ratelimited}, …; {@code network} when Slack could not be reached).
 * The message names the method and the code only: never a token, never message text.
 */
final class SlackCallFailed extends RuntimeException {
    private final String method;
    private final String error;

    SlackCallFailed(String method, String error) {
        super(method + " failed: " + error, null, false, false);
        this.method = method;
        this.error = error == null || error.isBlank() ? "unknown" : error;
    }

    String method() {
        return method;
    }

    String error() {
        return error;
    }

    /** The bot cannot post there: it was not invited, or the conversation is not visible to it. */
    boolean cannotPostHere() {
        return switch (error) {
            case "not_in_channel", "channel_not_found", "is_archived", "restricted_action", "cannot_reply_to_message",
                 "ekm_access_denied", "team_access_not_granted" -> true;
            default -> false;
        };
    }
}
