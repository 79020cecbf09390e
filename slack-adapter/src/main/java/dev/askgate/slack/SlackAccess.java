package dev.askgate.slack;

import dev.askgate.core.Caller;

import java.util.Set;

/**
 * Who may use the bot where, from the {@code SLACK_ALLOWED_*} and {@code SLACK_DENIED_*} lists: a denied
 * workspace, channel or user is always refused; a non-empty allow list admits only its members. Channel lists
 * do not apply to direct messages (those are governed by {@code SLACK_ALLOW_DMS}); user lists apply everywhere.
 */
final class SlackAccess {
    private final SlackSettings.AccessLists lists;

    SlackAccess(SlackSettings.AccessLists lists) {
        this.lists = lists;
    }

    boolean allows(Caller caller, boolean directMessage) {
        if (!admits(lists.allowedTeams(), lists.deniedTeams(), caller.workspaceId())) return false;
        if (!directMessage && !admits(lists.allowedChannels(), lists.deniedChannels(), caller.channelId())) return false;
        return admits(lists.allowedUsers(), lists.deniedUsers(), caller.userId());
    }

    private static boolean admits(Set<String> allowed, Set<String> denied, String id) {
        if (denied.contains(id)) return false;
        return allowed.isEmpty() || allowed.contains(id);
    }
}
