package dev.askgate.discord;

import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the author of a message that looked like it held a secret, without quoting it: by DM when Discord
 * lets the bot DM them, else with a short reply in place. With {@code DISCORD_DELETE_SECRETS} and the Manage
 * Messages permission, the message that exposed the secret is deleted as well.
 */
final class SecretNotice {
    private static final Logger log = LoggerFactory.getLogger(SecretNotice.class);

    private final boolean deleteSecrets;

    SecretNotice(boolean deleteSecrets) {
        this.deleteSecrets = deleteSecrets;
    }

    /** Blocks on REST calls: call it on a virtual thread. */
    void tell(Message message, String notice) {
        boolean direct = message.getChannelType() == ChannelType.PRIVATE;
        boolean deleted = deleteSecrets && !direct && delete(message);
        String text = deleted ? notice + "\n-# " + DiscordWording.SECRET_REMOVED : notice;
        if (!direct && sendDm(message, text)) return;
        try {
            var action = message.getChannel().sendMessage(QuietMessages.create(text));
            if (!deleted) action = action.setMessageReference(message.getId()).failOnInvalidReply(false);
            action.complete();
        } catch (RuntimeException e) {
            log.warn("channel={} could not tell user={} about a secret: {}", message.getChannel().getId(),
                    message.getAuthor().getId(), DiscordErrors.describe(e));
        }
    }

    private boolean sendDm(Message message, String text) {
        try {
            message.getAuthor().openPrivateChannel()
                    .flatMap(dm -> dm.sendMessage(QuietMessages.create(text)))
                    .complete();
            return true;
        } catch (RuntimeException e) {
            // Users can close DMs from server members (50007); then the notice goes to the channel.
            log.info("channel={} user={} could not be sent a DM: {}", message.getChannel().getId(),
                    message.getAuthor().getId(), DiscordErrors.describe(e));
            return false;
        }
    }

    private boolean delete(Message message) {
        var self = message.getGuild().getSelfMember();
        if (!self.hasPermission(message.getGuildChannel(), Permission.MESSAGE_MANAGE)) {
            log.warn("channel={} a message with a secret stays: the bot lacks Manage Messages there",
                    message.getChannel().getId());
            return false;
        }
        try {
            message.delete().complete();
            log.info("channel={} deleted a message from user={} that contained a secret",
                    message.getChannel().getId(), message.getAuthor().getId());
            return true;
        } catch (RuntimeException e) {
            log.warn("channel={} deleting a message with a secret failed: {}", message.getChannel().getId(),
                    DiscordErrors.describe(e));
            return false;
        }
    }
}
