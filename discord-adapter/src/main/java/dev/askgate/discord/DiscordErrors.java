package dev.askgate.discord;

import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.InsufficientPermissionException;

/** A Discord failure in one short line for a log: the error code and meaning, never a request body. */
final class DiscordErrors {
    private DiscordErrors() {
    }

    static String describe(Throwable t) {
        return switch (t) {
            case ErrorResponseException e -> "Discord error " + e.getErrorCode() + " (" + e.getMeaning() + ")"
                    + (e.getResponse() == null ? "" : ", HTTP " + e.getResponse().code);
            case InsufficientPermissionException e -> "missing permission " + e.getPermission().getName();
            case null -> "unknown";
            default -> t.getClass().getSimpleName();
        };
    }
}
