package dev.askgate.slack;

import dev.askgate.core.Caller;
import dev.askgate.core.Platform;
import dev.askgate.core.admission.Admission;
import dev.askgate.core.admission.Place;

import java.util.List;
import java.util.Set;

/** Who asks and where, as core's admission sees a Slack delivery. */
final class SlackPlaces {
    private SlackPlaces() {
    }

    /** Who asks: for a direct message the workspace is empty, as the core's policy expects. */
    static Caller caller(String teamId, String channelId, String userId) {
        return new Caller(Platform.SLACK, isDirect(channelId) ? "" : teamId, channelId, userId);
    }

    static boolean isDirect(String channelId) {
        return channelId != null && channelId.startsWith("D");
    }

    /**
     * Where: a channel (a Slack thread stays in its channel, so there is no parent to name), or a direct message.
     * A direct message's sender shares exactly one workspace with the app, the one the delivery came from, and
     * Slack has no roles: the lookup admission may ask for needs no call.
     */
    static Place place(Admission admission, String teamId, String channelId) {
        if (!isDirect(channelId)) return Place.channel("");
        Place direct = Place.directMessage();
        if (!admission.needsMemberships(direct)) return direct;
        return Place.directMessage(new Place.Memberships.Known(
                List.of(new Place.Membership(teamId == null ? "" : teamId, Set.of()))));
    }
}
